/**
 * The Jeonju demo's consultations (participation/jeonju/consultations.yaml): each consultation with its
 * illustrative contributions, support counts and official answers, checked by the core's schemas and rules
 * (lengths, reply depth, the answer states), every problem with file and path.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fail, ok, type Problem, problem, type Result, TextSchema } from "@citypath/core";
import {
  AnswerLinkSchema,
  AnswerStateSchema,
  BADGES,
  CONTRIBUTION_KINDS,
  ConsultationSchema,
  commentLengthProblem,
  InstantSchema,
  proposalLengthProblems,
} from "@citypath/core/participation/index";
import { parse } from "yaml";
import { z } from "zod";

export const JEONJU_PARTICIPATION_FILE = fileURLToPath(
  new URL("../participation/jeonju/consultations.yaml", import.meta.url),
);

const DemoAnswerSchema = z.strictObject({
  state: AnswerStateSchema,
  text: TextSchema,
  answered_at: InstantSchema.optional(),
  links: z.array(AnswerLinkSchema).default([]),
});

const DemoContributionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  kind: z.enum(CONTRIBUTION_KINDS),
  parent: z.string().optional(),
  /** The display name (illustrative: no account stands behind it). */
  author: z.string().min(1).max(200),
  badge: z.enum(BADGES).optional(),
  created_at: InstantSchema,
  title: z.string().optional(),
  text: z.string(),
  /** How many illustrative supports it has. */
  supports: z.number().int().min(0).max(1000).default(0),
  answer: DemoAnswerSchema.optional(),
});

const DemoParticipationSchema = z.strictObject({
  format: z.literal("citypath-participation/1"),
  illustrative: z.literal(true),
  note: z.string(),
  consultations: z.array(
    z.strictObject({ consultation: ConsultationSchema, contributions: z.array(DemoContributionSchema) }),
  ),
});

export type DemoParticipation = z.infer<typeof DemoParticipationSchema>;
export type DemoContribution = z.infer<typeof DemoContributionSchema>;

/** Reads and checks a demo participation file. */
export function loadParticipation(file: string): Result<DemoParticipation> {
  const name = "participation/jeonju/consultations.yaml";
  const r = DemoParticipationSchema.safeParse(parse(readFileSync(file, "utf8")));
  if (!r.success)
    return fail(
      r.error.issues.map((i) => problem("BAD_VALUE", i.message, { file: name, path: i.path.join(".") })),
    );
  const problems: Problem[] = [];
  r.data.consultations.forEach((c, ci) => {
    const depth = new Map<string, number>();
    c.contributions.forEach((x, xi) => {
      const at = (p: string) => ({ file: name, path: `consultations.${ci}.contributions.${xi}.${p}` });
      if (!c.consultation.illustrative)
        problems.push(problem("BAD_VALUE", "demo consultations are illustrative", at("illustrative")));
      if (x.kind === "proposal") {
        if (x.title === undefined)
          problems.push(problem("MISSING_VALUE", "a proposal has a title", at("title")));
        else
          for (const p of proposalLengthProblems(x.title, x.text))
            problems.push({ ...p, ...at(p.path ?? "text") });
      } else {
        const p = commentLengthProblem(x.text, "text");
        if (p) problems.push({ ...p, ...at("text") });
      }
      let d = 0;
      if (x.parent !== undefined) {
        const pd = depth.get(x.parent);
        if (pd === undefined)
          problems.push(
            problem("UNKNOWN_REFERENCE", `"${x.parent}" is not an earlier comment`, at("parent")),
          );
        else d = pd + 1;
        if (d > 2) problems.push(problem("BAD_VALUE", "replies go two levels deep", at("parent")));
      }
      depth.set(x.id, d);
      if (x.answer && x.parent !== undefined)
        problems.push(problem("BAD_VALUE", "answers go to proposals and top-level comments", at("answer")));
      if (!/\(예시|\(Illustrative|예시\)/.test(x.text))
        problems.push(problem("BAD_VALUE", "an illustrative contribution says so in its text", at("text")));
    });
  });
  return problems.length ? fail(problems) : ok(r.data);
}

export function loadJeonjuParticipation(): Result<DemoParticipation> {
  return loadParticipation(JEONJU_PARTICIPATION_FILE);
}
