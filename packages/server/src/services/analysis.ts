/**
 * The analysis settings of an instance: its uncertainty spec (citypath-uncertainty/1) and its least-cost
 * portfolio settings (citypath-portfolio/1). They live beside an instance in `DIR/analysis/` and are not part
 * of the stored instance document; the server offers those of the data package's demo instance, for the
 * instance of the same id. Each is checked by the core's parser before it leaves the server.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  CitypathError,
  type PortfolioSpec,
  parsePortfolioSpec,
  parseUncertaintySpec,
  problem,
  type Result,
  type UncertaintySpec,
} from "@citypath/core";
import { JEONJU_INSTANCE_DIR } from "@citypath/data";
import { parse } from "yaml";

export interface InstanceAnalysis {
  readonly instance: string;
  readonly uncertainty: UncertaintySpec | null;
  readonly portfolio: PortfolioSpec | null;
}

function readSpec<T>(file: string, check: (raw: unknown) => Result<T>): T | null {
  if (!existsSync(file)) return null;
  const r = check(parse(readFileSync(file, "utf8")));
  if (!r.ok) throw new CitypathError(r.problems.map((p) => ({ ...p, message: `${file}: ${p.message}` })));
  return r.value;
}

/** Reads the analysis folder of an instance directory; null when the folder holds no spec for `instanceId`. */
export function readAnalysis(dir: string, instanceId: string): InstanceAnalysis | null {
  const folder = join(dir, "analysis");
  const uncertainty = readSpec(join(folder, "uncertainty.yaml"), parseUncertaintySpec);
  const portfolio = readSpec(join(folder, "portfolio.yaml"), parsePortfolioSpec);
  const u = uncertainty?.instance === instanceId ? uncertainty : null;
  const p = portfolio?.instance === instanceId ? portfolio : null;
  if (!u && !p) return null;
  return { instance: instanceId, uncertainty: u, portfolio: p };
}

/** The demo's analysis settings for an instance id (read once per id), or a NOT_FOUND error. */
export function demoAnalysis(dir: string = JEONJU_INSTANCE_DIR): (instanceId: string) => InstanceAnalysis {
  const cache = new Map<string, InstanceAnalysis | null>();
  return (instanceId) => {
    if (!cache.has(instanceId)) cache.set(instanceId, readAnalysis(dir, instanceId));
    const a = cache.get(instanceId);
    if (!a)
      throw new CitypathError(
        problem("NOT_FOUND", `No analysis settings for instance "${instanceId}".`, { path: "instance" }),
      );
    return a;
  };
}
