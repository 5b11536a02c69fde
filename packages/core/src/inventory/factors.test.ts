import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { GwpSet } from "../gwp/index.ts";
import { ActivityNames, prepareFactors, selectFactors } from "./factors.ts";
import { ProblemList } from "./problems.ts";
import type { FactorRow } from "./types.ts";

const GWP: GwpSet = { name: "T", title: "t", year: 2013, gases: { CO2: { value: 1, source: "t" } } };
const REFS = [undefined, "I", "I.1", "I.1.1", "I.2", "II"] as const;
const YEARS = [
  {},
  { year: 2020 },
  { year: 2021 },
  { valid_from: 2019, valid_to: 2021 },
  { valid_from: 2021 },
  { valid_to: 2020 },
] as const;

test("selection: the chosen factor is the most specific that holds, and a tie is an error (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(REFS.length - 1), fc.nat(YEARS.length - 1)), { minLength: 1, maxLength: 8 }),
      fc.constantFrom("I.1.1", "I.1.2", "I.2.1", "II.1.1"),
      fc.constantFrom(2019, 2020, 2021, 2022),
      (specs, ref, year) => {
        const rows: FactorRow[] = specs.map(([r, y], i) => ({
          id: `f${i}`,
          activity: "x",
          gas: "CO2",
          factor: i + 1,
          unit: "t/t",
          origin: "user",
          source: "t",
          ...(REFS[r] ? { gpc_ref: REFS[r] } : {}),
          ...YEARS[y],
        }));
        const problems = new ProblemList();
        const prepared = prepareFactors(rows, GWP, new ActivityNames(), problems);
        assert.equal(problems.hasErrors, false);
        // Worked independently: which rows hold, and their (depth, year kind) rank.
        const holds = rows.filter((f) => {
          const p = f.gpc_ref;
          if (p !== undefined && !(ref === p || ref.startsWith(`${p}.`))) return false;
          const from = f.year ?? f.valid_from ?? -Infinity;
          const to = f.year ?? f.valid_to ?? Infinity;
          return year >= from && year <= to;
        });
        const rank = (f: FactorRow) =>
          (f.gpc_ref ? f.gpc_ref.split(".").length : 0) * 10 +
          (f.year !== undefined ? 3 : f.valid_from !== undefined || f.valid_to !== undefined ? 2 : 1);
        const sel = selectFactors(prepared, "x", ref, year);
        if (holds.length === 0) return !sel.ok && sel.code === "NO_FACTOR";
        const best = Math.max(...holds.map(rank));
        const top = holds.filter((f) => rank(f) === best);
        if (top.length > 1) return !sel.ok && sel.code === "AMBIGUOUS_FACTOR";
        return sel.ok && sel.factors.length === 1 && sel.factors[0]!.row.id === top[0]!.id;
      },
    ),
    { numRuns: 500 },
  );
});
