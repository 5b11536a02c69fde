/**
 * Provenance: the one rule for where a figure comes from, in the model instance and in the agenda alike.
 * A figure carries a `source`, or `illustrative: true` with a `note` saying why no published figure is
 * used; not both. A figure with neither is an error that names it (never a silent default).
 *
 * What a source is differs by document: the model instance cites in words (`FACTS §5 BRT (segye ...)`),
 * the agenda cites a registered source by id. So the fields are built around the document's source schema.
 */
import { z } from "zod";
import { StoredTextSchema } from "./boundary.ts";

export const PROVENANCE_MISSING =
  "every figure needs a `source`, or `illustrative: true` with a `note` saying why";
export const PROVENANCE_BOTH = "a figure is either sourced or illustrative, not both";

/** The provenance fields of a figure whose source is written as `source`. */
export function provenanceFields<S extends z.ZodType>(source: S) {
  return {
    source: source.optional(),
    illustrative: z.boolean().optional(),
    /** Why the figure is illustrative, or anything else a reader should know about it. */
    note: StoredTextSchema.min(1).optional(),
  };
}

export interface ProvenanceLike {
  readonly source?: unknown;
  readonly illustrative?: boolean | undefined;
  readonly note?: unknown;
}

/** What breaks the rule above, if anything: the reason and the field to name (undefined when it holds). */
export function provenanceIssue(v: ProvenanceLike): { message: string; field: string } | undefined {
  if (v.source !== undefined)
    return v.illustrative === true ? { message: PROVENANCE_BOTH, field: "illustrative" } : undefined;
  if (v.illustrative === true && v.note !== undefined) return undefined;
  return { message: PROVENANCE_MISSING, field: v.illustrative === true ? "note" : "source" };
}

/** Checks the rule above (use in `superRefine`). */
export function requireProvenance(v: ProvenanceLike, ctx: z.RefinementCtx): void {
  const issue = provenanceIssue(v);
  if (issue) ctx.addIssue({ code: "custom", message: issue.message, path: [issue.field] });
}

/**
 * Does a figure anywhere in this (an action with its parameters, say) say `illustrative`: `illustrative: true`,
 * or a non-empty `illustrative` map of parameters to their reasons (the action library's form)?
 */
export function labelledIllustrative(x: unknown): boolean {
  if (Array.isArray(x)) return x.some(labelledIllustrative);
  if (x === null || typeof x !== "object") return false;
  return Object.entries(x).some(([k, v]) =>
    k === "illustrative"
      ? v === true || (typeof v === "object" && v !== null && Object.keys(v).length > 0)
      : labelledIllustrative(v),
  );
}
