import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { BindingConstraint, PortfolioResult } from "@citypath/core";
import { KR_SECTOR_IDS } from "@citypath/core/vocabulary/sectors";
import { AGENDA_STATUSES } from "@citypath/core/vocabulary/statuses";
import { describe, expect, it } from "vitest";
import { acEn, acKo } from "./accounts.ts";
import { en as publicEn } from "./en.ts";
import { ko as publicKo } from "./ko.ts";
import { mdEn, mdKo } from "./model.ts";
import { ptEn, ptKo } from "./participation.ts";
import { rpEn, rpKo } from "./reporting.ts";
import { wkEn, wkKo } from "./workspace.ts";

// the workspace's texts (a lazily loaded namespace) are checked with the public ones
const ko = { ...publicKo, wk: wkKo, ac: acKo, pt: ptKo, rp: rpKo, md: mdKo };
const en = { ...publicEn, wk: wkEn, ac: acEn, pt: ptEn, rp: rpEn, md: mdEn };

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === "string" ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`),
  );
}

function leaf(obj: object, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>(
      (o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined),
      obj,
    );
}

const SRC = join(import.meta.dirname, "..");
function sources(dir = SRC): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === "i18n" ? [] : sources(p);
    // generated files (the API types) hold the server's strings, not translation keys
    return /\.tsx?$/.test(n) && !n.endsWith(".test.ts") && !n.endsWith(".generated.ts") ? [p] : [];
  });
}

describe("translations", () => {
  const koKeys = keys(ko).sort();
  const enKeys = keys(en).sort();

  it("Korean and English have the same keys", () => {
    expect(enKeys.filter((k) => !koKeys.includes(k))).toEqual([]);
    expect(koKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
  });

  it("no translation is empty, and both use the same {{placeholders}}", () => {
    for (const k of koKeys) {
      const a = leaf(ko, k) as string;
      const b = leaf(en, k) as string;
      expect(a.trim(), `ko ${k}`).not.toBe("");
      expect(b.trim(), `en ${k}`).not.toBe("");
      const ph = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(ph(b), `placeholders of ${k}`).toEqual(ph(a));
    }
  });

  it("every key the components use exists", () => {
    const namespaces = Object.keys(ko);
    const used = new Set<string>();
    for (const f of sources()) {
      const text = readFileSync(f, "utf8");
      // Every string literal shaped like "namespace.key" names a translation (t("x.y"), t(c ? "a.b" : "c.d"), key: "x.y").
      for (const m of text.matchAll(/["'`]([a-z][A-Za-z]*(?:\.[A-Za-z_]+)+)["'`]/g)) {
        const k = m[1] as string;
        if (namespaces.includes(k.split(".")[0] as string) && !/\.(ts|tsx|css|json)$/.test(k)) used.add(k);
      }
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => typeof leaf(ko, k) !== "string");
    expect(missing).toEqual([]);
  });

  it("keys built at run time (sectors, statuses) exist for every value", () => {
    for (const s of [...KR_SECTOR_IDS, "unassigned"])
      expect(typeof leaf(ko, `sector.${s}`), s).toBe("string");
    for (const s of AGENDA_STATUSES) expect(typeof leaf(ko, `status.action.${s}`), s).toBe("string");
    for (const g of ["I", "II", "III", "IV", "V", "VI"])
      expect(typeof leaf(ko, `gpc.${g}`), g).toBe("string");
    for (const l of ["basic", "basic_plus", "territorial", "other"])
      expect(typeof leaf(ko, `level.${l}`), l).toBe("string");
    // The optimiser's statuses and binding constraints (a Record: the type checker holds the lists complete).
    const statuses: Record<PortfolioResult["status"], true> = {
      optimal: true,
      feasible: true,
      unreachable: true,
      not_met: true,
    };
    for (const s of Object.keys(statuses)) expect(typeof leaf(ko, `portfolioStatus.${s}`), s).toBe("string");
    const kinds: Record<BindingConstraint["kind"], true> = {
      budget: true,
      action_at_max: true,
      action_at_min: true,
      exclusion: true,
      requirement: true,
    };
    for (const k of Object.keys(kinds)) expect(typeof leaf(ko, `binding.${k}`), k).toBe("string");
  });
});
