/**
 * The uncertainty band drawn with a pathway: the band of the basis the pathway is drawn on (drawnBasis).
 * A run without that band is an error, never another basis's band.
 */
import { fail, ok, problem, type Result } from "../errors.ts";
import { drawnBasis } from "../pathway/display.ts";
import type { CompiledModel } from "../pathway/model.ts";
import type { Band, MonteCarloSummary } from "./montecarlo.ts";

export function drawnBand(
  model: Pick<CompiledModel, "bases" | "targets">,
  summary: Pick<MonteCarloSummary, "bands">,
): Result<Band> {
  const basis = drawnBasis(model).id;
  const band = summary.bands.find((b) => b.series === basis);
  if (!band) return fail([problem("INTERNAL", `the Monte Carlo run has no band for the basis "${basis}"`)]);
  return ok(band);
}
