/**
 * The two action types the engine ships with, to test the plug-in interface end to end:
 * - fixed_abatement: a path of tonnes avoided on one line (e.g. a published project estimate), a delta.
 * - intensity_change: a change of the emissions per unit of activity of some lines (e.g. more efficient
 *   boilers), a scale effect that ramps up on a schedule.
 * The mechanism models (BRT, buses, trees...) live in actions/library and use the same interface.
 */
import { z } from "zod";
import { type ActionType, defineActionType } from "../actions/interface.ts";
import { scheduleFraction, scheduleSchema } from "../actions/schedule.ts";
import { GPC_REF_PATTERN } from "./gpc.ts";

const gpcRef = z.string().regex(GPC_REF_PATTERN, "a GPC v1.1 reference number");
const yearKey = z.string().regex(/^(19|20|21)\d\d$/, "a key must be a four-digit year");

const fixedAbatementSchema = z.strictObject({
  line: gpcRef,
  /** Tonnes avoided per year (positive = fewer emissions), by year; linear between given years. */
  tco2e_avoided: z.record(yearKey, z.number().finite()).refine((r) => Object.keys(r).length > 0, {
    message: "give at least one year",
  }),
  /** After the last given year: keep its value (`hold`) or stop (`stop`). Before the first: no effect. */
  after_last: z.enum(["hold", "stop"]),
});
export type FixedAbatementParams = z.output<typeof fixedAbatementSchema>;

function fixedAbatementAt(p: FixedAbatementParams, year: number): { value: number; how: string } {
  const pts = Object.entries(p.tco2e_avoided)
    .map(([k, v]) => [Number(k), v] as const)
    .sort((a, b) => a[0] - b[0]);
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  if (year < first[0]) return { value: 0, how: `${year} is before the first given year ${first[0]}: 0` };
  if (year > last[0])
    return p.after_last === "hold"
      ? { value: last[1], how: `held from ${last[0]}` }
      : { value: 0, how: `${year} is after the last given year ${last[0]} (after_last: stop): 0` };
  let i = 0;
  while (pts[i]![0] < year) i++;
  const [y1, v1] = pts[i]!;
  if (y1 === year) return { value: v1, how: `given for ${year}` };
  const [y0, v0] = pts[i - 1]!;
  return { value: v0 + ((v1 - v0) * (year - y0)) / (y1 - y0), how: `linear between ${y0} and ${y1}` };
}

export const fixedAbatement: ActionType<unknown> = defineActionType<FixedAbatementParams>({
  type: "fixed_abatement",
  label: { ko: "고정 감축 경로", en: "Fixed abatement path" },
  params: {
    tco2e_avoided: { unit: "tCO2e", description: "Tonnes avoided per year on the line, by year" },
  },
  schema: fixedAbatementSchema,
  model(p, year) {
    const a = fixedAbatementAt(p, year);
    return {
      lines: [{ gpc_ref: p.line, delta_tco2e: -a.value }],
      chain: [
        {
          key: "tco2e_avoided",
          label: "Tonnes avoided in the year",
          value: a.value,
          unit: "tCO2e/yr",
          formula: a.how,
        },
        {
          key: "delta_tco2e",
          label: `Change of line ${p.line}`,
          value: -a.value,
          unit: "tCO2e/yr",
          formula: `−${a.value}`,
        },
      ],
    };
  },
});

const intensityChangeSchema = z.strictObject({
  lines: z.array(gpcRef).min(1),
  /** Change of emissions per unit of activity at full effect, relative to business as usual (−0.2 = −20 %). */
  change: z.number().min(-1).max(10),
  schedule: scheduleSchema,
});
export type IntensityChangeParams = z.output<typeof intensityChangeSchema>;

export const intensityChange: ActionType<unknown> = defineActionType<IntensityChangeParams>({
  type: "intensity_change",
  label: { ko: "활동 원단위 변화", en: "Change of an activity's intensity" },
  params: {
    change: {
      unit: "1",
      description: "Change of emissions per unit of activity at full effect (−0.2 = 20 % lower)",
      min: -1,
    },
  },
  schema: intensityChangeSchema,
  model(p, year) {
    const share = scheduleFraction(p.schedule, year);
    const fraction = -p.change * share;
    return {
      lines: p.lines.map((gpc_ref) => ({ gpc_ref, scale_fraction: fraction })),
      chain: [
        {
          key: "schedule_share",
          label: "Share of full effect in the year",
          value: share,
          unit: "1",
          formula: `schedule from ${p.schedule.start_year}, ramp ${p.schedule.ramp_years} years`,
        },
        {
          key: "scale_fraction",
          label: `Share of emissions removed on ${p.lines.join(", ")}`,
          value: fraction,
          unit: "1",
          formula: `−(${p.change}) × ${share}`,
        },
      ],
    };
  },
});

export const BUILTIN_ACTION_TYPES: readonly ActionType<unknown>[] = [fixedAbatement, intensityChange];
