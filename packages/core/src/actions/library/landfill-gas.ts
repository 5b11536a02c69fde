/**
 * Landfill gas capture: methane generated in the landfill (t CH4/yr, a driver or a stated value) × the
 * increase of the share captured (× schedule) = t CH4 captured and burnt (flared or used; the CO2 from
 * burning is biogenic and not counted); × (1 − oxidation in the cover) × GWP of CH4 = tCO2e avoided on
 * III.1.1. Defaults: oxidation 0.1 for a covered, managed site and GWP 28 (AR5, FACTS §4).
 */
import { z } from "zod";
import { scheduleFraction } from "../schedule.ts";
import {
  type CommonParams,
  calcStep,
  commonShape,
  fmt,
  inputStep,
  nonZero,
  numberShape,
  onlyDirectCosts,
  scheduleStep,
  tonnesOf,
  totalStep,
} from "./common.ts";
import type { ActionType, DeltaEffect, ParamMeta } from "./types.ts";

export const LANDFILL_GAS_PARAMS = {
  ch4_generated_t_per_yr: {
    unit: "tCH4/yr",
    description: "Methane generated in the landfill per year",
    min: 0,
  },
  capture_increase: {
    unit: "1",
    description: "Increase of the share of generated methane captured",
    min: 0,
    max: 1,
  },
  oxidation_factor: {
    unit: "1",
    description: "Share of uncaptured methane oxidised in the cover",
    min: 0,
    max: 1,
    default: { value: 0.1, source: "IPCC 2006 Vol. 5 ch. 3 default for managed, covered sites [std]" },
  },
  gwp_ch4: {
    unit: "tCO2e/t",
    description: "Global warming potential of methane (tCO2e per tonne of CH4)",
    min: 0,
    default: { value: 28, source: "FACTS §4: AR5 GWP of CH4 = 28 (Paris transparency rules)" },
  },
} as const satisfies Record<string, ParamMeta>;

export const landfillGasSchema = z.object({ ...numberShape(LANDFILL_GAS_PARAMS), ...commonShape }).strict();
export type LandfillGasParams = z.output<typeof landfillGasSchema> & CommonParams;

export const landfillGasCapture: ActionType<LandfillGasParams> = {
  type: "landfill_gas_capture",
  label: { ko: "매립가스 포집", en: "Landfill gas capture" },
  sector: "waste",
  params: LANDFILL_GAS_PARAMS,
  schema: landfillGasSchema as z.ZodType<LandfillGasParams>,
  needs: [],
  model(p, year) {
    const m = LANDFILL_GAS_PARAMS;
    const f = scheduleFraction(p.schedule, year);
    const captured = p.ch4_generated_t_per_yr * p.capture_increase * f;
    const t = captured * (1 - p.oxidation_factor) * p.gwp_ch4;
    const lines: DeltaEffect[] = [{ gpc_ref: "III.1.1", delta_tco2e: -t, scope_tag: p.scope_tag }];
    return {
      lines: nonZero(lines),
      chain: [
        scheduleStep(p.schedule, year),
        inputStep("ch4_generated_t_per_yr", p.ch4_generated_t_per_yr, m.ch4_generated_t_per_yr, p),
        inputStep("capture_increase", p.capture_increase, m.capture_increase, p),
        calcStep(
          "ch4_captured_t",
          "Methane captured and burnt",
          captured,
          "tCH4/yr",
          `${fmt(p.ch4_generated_t_per_yr)} × ${fmt(p.capture_increase)} × ${fmt(f)}`,
        ),
        inputStep("oxidation_factor", p.oxidation_factor, m.oxidation_factor, p),
        inputStep("gwp_ch4", p.gwp_ch4, m.gwp_ch4, p),
        calcStep(
          "tco2e_avoided",
          "Methane emissions avoided",
          t,
          "tCO2e/yr",
          `${fmt(captured)} × (1 − ${fmt(p.oxidation_factor)}) × ${fmt(p.gwp_ch4)}`,
        ),
        totalStep(tonnesOf(lines)),
      ],
    };
  },
  costs: (p, year) => onlyDirectCosts(p, year),
};
