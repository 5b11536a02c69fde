/**
 * The parts of the documentation that restate the code's tables are generated from those tables, between
 * `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` markers; the prose around them is written by hand.
 * A test (docs.test.ts) fails when a document differs from what this produces.
 *
 *   node --import tsx packages/data/src/docs/generate.ts && npx biome format --write docs
 * rewrites the generated parts, then lets the formatter lay out the tables (the test ignores the padding).
 */
import { readFileSync, writeFileSync } from "node:fs";
import {
  ACTIVITY_COLUMNS,
  FACTOR_COLUMNS,
  GPC_REFERENCES,
  GPC_SECTORS,
  inventoryJsonSchema,
  KR_SECTORS,
  krExclusion,
  krSectorOf,
} from "@citypath/core";
import { builtinActivities, builtinFactors, FUELS, GRID_FACTORS } from "../factors/builtin.ts";
import { GWP_SETS } from "../gwp.ts";

const ROOT = new URL("../../../../", import.meta.url).pathname;

const LEVEL_NAME: Record<string, string> = {
  basic: "BASIC",
  basic_plus: "BASIC+",
  territorial: "territorial only",
  other: "other (no total)",
};

function table(head: string[], rows: (string | number)[][]): string {
  const esc = (v: string | number) => String(v).replaceAll("|", "\\|");
  return [
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}

function gpcTable(): string {
  const rows = GPC_REFERENCES.map((r) => {
    const kr = krSectorOf(r);
    const sector = KR_SECTORS.find((s) => s.id === kr);
    return [
      r.ref,
      `${r.subsector_name} (${r.subsector_name_ko})`,
      r.description,
      r.scope,
      LEVEL_NAME[r.level]!,
      r.scope === 1 ? "yes" : "no",
      sector ? `${sector.name.ko} ${sector.id}` : `— (${krExclusion(r)})`,
    ];
  });
  return table(["Ref", "Sub-sector", "Line", "Scope", "Level", "Territorial", "Korean sector"], rows);
}

function sectorsTable(): string {
  return table(
    ["Sector", "Name", "Korean"],
    GPC_SECTORS.map((s) => [s.id, s.name, s.name_ko]),
  );
}

function krTable(): string {
  return table(
    ["Sector", "Id", "Formed from (GPC)", "Note"],
    KR_SECTORS.map((s) => [`${s.name.ko} ${s.name.en}`, s.id, s.gpc.join(", "), s.note ?? ""]),
  );
}

function columnsTable(): string {
  return [
    `Activity CSV: required \`${ACTIVITY_COLUMNS.required.join("`, `")}\`; optional \`${ACTIVITY_COLUMNS.optional.join("`, `")}\`.`,
    "",
    `Factors CSV: required \`${FACTOR_COLUMNS.required.join("`, `")}\`; optional \`${FACTOR_COLUMNS.optional.join("`, `")}\`.`,
  ].join("\n");
}

function fuelCoverage(): string {
  const all = builtinFactors();
  const val = (a: string, gas: string, ref: string | undefined) => {
    const f = all.find((x) => x.activity === a && x.gas === gas && x.gpc_ref === ref);
    return f ? String(f.factor) : "—";
  };
  const mobileRefs = ["II.1", "II.2", "II.3", "II.5"];
  const rows: string[][] = [];
  for (const fuel of FUELS) {
    for (const gas of ["CO2", "CH4", "N2O"]) {
      rows.push([
        gas === "CO2" ? `${fuel.id} (${fuel.name_ko})` : "",
        gas,
        gas === "CO2" ? val(fuel.id, gas, undefined) : "",
        gas === "CO2" ? "(all)" : val(fuel.id, gas, "I"),
        gas === "CO2"
          ? "(all)"
          : `${val(fuel.id, gas, "I.1")} / ${val(fuel.id, gas, "I.2")} / ${val(fuel.id, gas, "I.5")}`,
        ...mobileRefs.map((r) => (gas === "CO2" ? "(all)" : val(fuel.id, gas, r))),
        gas === "CO2" ? (fuel.ncv ? `${fuel.ncv.value} ${fuel.ncv.unit}` : "none built in") : "",
      ]);
    }
  }
  return table(
    [
      "Fuel",
      "Gas",
      "All refs",
      "Stationary I",
      "I.1 / I.2 / I.5",
      "Road II.1",
      "Rail II.2",
      "Water II.3",
      "Off-road II.5",
      "Korean NCV (net)",
    ],
    rows,
  );
}

function gridTable(): string {
  return table(
    ["Year", "tCO2e/MWh", "Which value stands for the year", "Source (published)"],
    GRID_FACTORS.map((g) => [g.year, g.value, g.basis, `${g.source} (${g.source_year})`]),
  );
}

function otherTable(): string {
  const fuelIds = new Set(FUELS.map((f) => f.id));
  return table(
    ["Activity", "Gas", "Factor", "Unit", "GPC", "Source (year)", "Note"],
    builtinFactors()
      .filter((f) => !fuelIds.has(f.activity) && f.activity !== "electricity")
      .map((f) => [
        f.activity,
        f.gas,
        f.factor,
        f.unit,
        f.gpc_ref ?? "all",
        `${f.source} (${f.source_year})`,
        f.note ?? "",
      ]),
  );
}

function sourcesTable(): string {
  const seen = new Map<string, number>();
  for (const f of builtinFactors())
    for (const s of [f.source, f.ncv_source]) if (s) seen.set(s, (seen.get(s) ?? 0) + 1);
  return table(
    ["Source", "Factors citing it"],
    [...seen].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => [s, n]),
  );
}

function activitiesTable(): string {
  return table(
    ["Id", "Korean", "English", "Aliases"],
    builtinActivities().map((d) => [d.id, d.name_ko, d.name, d.aliases.join(", ")]),
  );
}

function gwpTable(): string {
  const gases = [...new Set(Object.values(GWP_SETS).flatMap((s) => Object.keys(s.gases)))];
  return [
    table(
      ["Gas", ...Object.keys(GWP_SETS)],
      gases.map((g) => [
        g,
        ...Object.values(GWP_SETS).map((s) => (s.gases[g] ? String(s.gases[g]!.value) : "—")),
      ]),
    ),
    "",
    ...Object.values(GWP_SETS).map((s) => {
      const notes = Object.entries(s.gases)
        .filter(([, v]) => v.note)
        .map(([g, v]) => `${g}: ${v.note}`);
      return `- **${s.name}** (${s.year}): ${s.gases.CO2!.source}.${notes.length ? ` ${notes.join("; ")}.` : ""}`;
    }),
  ].join("\n");
}

/** The generated sections of each document. */
export function generatedSections(): Record<string, Record<string, string>> {
  return {
    "docs/methodology/inventory.md": {
      "gpc-sectors": sectorsTable(),
      "gpc-references": gpcTable(),
      "kr-sectors": krTable(),
    },
    "docs/factors.md": {
      activities: activitiesTable(),
      fuels: fuelCoverage(),
      grid: gridTable(),
      other: otherTable(),
      gwp: gwpTable(),
      sources: sourcesTable(),
    },
    "docs/formats.md": { columns: columnsTable() },
  };
}

/** The JSON schema file of the `--format json` contract. */
export const SCHEMA_FILE = "docs/schema/inventory.schema.json";
export const schemaText = () => `${JSON.stringify(inventoryJsonSchema(), null, 2)}\n`;

/** Replaces the text between each section's markers; a missing marker is an error naming it. */
export function renderDoc(text: string, sections: Record<string, string>, file: string): string {
  let out = text;
  for (const [name, body] of Object.entries(sections)) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const a = out.indexOf(open);
    const b = out.indexOf(close);
    if (a < 0 || b < a) throw new Error(`${file}: markers ${open} ... ${close} are missing`);
    out = `${out.slice(0, a + open.length)}\n${body}\n${out.slice(b)}`;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [file, sections] of Object.entries(generatedSections())) {
    const path = `${ROOT}${file}`;
    writeFileSync(path, renderDoc(readFileSync(path, "utf8"), sections, file));
    console.log(`wrote ${file}`);
  }
  writeFileSync(`${ROOT}${SCHEMA_FILE}`, schemaText());
  console.log(`wrote ${SCHEMA_FILE} (run \`npx biome format --write ${SCHEMA_FILE}\` to lay it out)`);
}
