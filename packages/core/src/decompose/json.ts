/**
 * The decomposition as a document (citypath-decompose/1, docs/decompose-json.md): what the CLI prints and
 * the API answers, with its zod schema.
 */
import { z } from "zod";
import type { CompiledModel } from "../pathway/model.ts";
import type { LmdiResult } from "./lmdi.ts";
import type { PathwayDecomposition } from "./sources.ts";

export const DECOMPOSE_FORMAT = "citypath-decompose/1";

export const DECOMPOSE_METHOD =
  "LMDI-I additive (Ang 2004, 2015); zero values as the limit of a small value (Ang and Liu 2007); the effects sum exactly to the change";

const effectsSchema = z.object({
  activity: z.number(),
  intensity: z.number(),
  structure: z.number(),
  emission_factor: z.number(),
});

export const decompositionSchema = z.object({
  format: z.literal(DECOMPOSE_FORMAT),
  method: z.string(),
  unit: z.literal("tCO2e"),
  source: z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("activity"),
      activity_file: z.string(),
      factor_files: z.array(z.string()),
      drivers_file: z.string(),
      gwp_set: z.string(),
    }),
    z.object({
      kind: z.literal("pathway"),
      instance: z.object({ id: z.string(), version: z.string() }),
      scenario: z.string(),
    }),
  ]),
  from_year: z.number().int(),
  to_year: z.number().int(),
  from_tco2e: z.number(),
  to_tco2e: z.number(),
  change_tco2e: z.number(),
  effects: effectsSchema,
  sectors: z.array(
    z.object({
      sector: z.string(),
      from_tco2e: z.number(),
      to_tco2e: z.number(),
      change_tco2e: z.number(),
      effects: effectsSchema,
      carriers: z.array(
        z.object({
          carrier: z.string(),
          energy_known: z.boolean(),
          from_tco2e: z.number(),
          to_tco2e: z.number(),
          effects: effectsSchema,
          note: z.string().optional(),
        }),
      ),
    }),
  ),
  activity_drivers: z.record(z.string(), z.string()),
  modelled: z
    .object({
      from_tco2e: z.number(),
      to_tco2e: z.number(),
      actions: z.array(z.object({ id: z.string(), from_tco2e: z.number(), to_tco2e: z.number() })),
    })
    .optional(),
  notes: z.array(z.string()),
});

export type DecompositionJson = z.infer<typeof decompositionSchema>;

/** The document of a pathway decomposition. */
export function pathwayDecompositionJson(
  m: Pick<CompiledModel, "instanceId" | "instanceVersion">,
  scenario: string,
  d: PathwayDecomposition,
): DecompositionJson {
  const { activity_drivers, modelled_actions, modelled_from_tco2e, modelled_to_tco2e, ...res } = d;
  return {
    format: DECOMPOSE_FORMAT,
    method: DECOMPOSE_METHOD,
    unit: "tCO2e",
    source: { kind: "pathway", instance: { id: m.instanceId, version: m.instanceVersion }, scenario },
    ...plain(res),
    activity_drivers,
    modelled: {
      from_tco2e: modelled_from_tco2e,
      to_tco2e: modelled_to_tco2e,
      actions: modelled_actions.map((a) => ({ ...a })),
    },
    notes: [
      "grid-supplied lines (scope 2) are one carrier, its energy = emissions / the grid factor of the year: the grid factor's path is the emission-factor effect",
      "other lines are carriers whose energy the pathway does not carry: activity and intensity (emissions per unit of activity) only",
      "the effects are of the scenario's emissions (after the modelled actions); the actions' abatement is shown beside, not added",
    ],
  };
}

/** The LMDI result's fields as the document carries them. */
export function plain(
  r: LmdiResult,
): Omit<LmdiResult, "sectors"> & { sectors: DecompositionJson["sectors"] } {
  return {
    from_year: r.from_year,
    to_year: r.to_year,
    from_tco2e: r.from_tco2e,
    to_tco2e: r.to_tco2e,
    change_tco2e: r.change_tco2e,
    effects: { ...r.effects },
    sectors: r.sectors.map((s) => ({
      ...s,
      effects: { ...s.effects },
      carriers: s.carriers.map((c) => ({ ...c, effects: { ...c.effects } })),
    })),
  };
}
