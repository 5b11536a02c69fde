/**
 * Builds the web app (packages/web) when it exists and its build is stale: dist/index.html older than any
 * source file. The server starts answering before the build ends; /api/ready waits for it.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const SOURCES = ["index.html", "src", "public", "vite.config.ts", "package.json"];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let m = 0;
  for (const name of readdirSync(path)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    m = Math.max(m, newest(join(path, name)));
  }
  return m;
}

export type WebState = "absent" | "fresh" | "stale";

export function webBuildState(webDir: string): WebState {
  if (!existsSync(join(webDir, "index.html"))) return "absent";
  const built = join(webDir, "dist", "index.html");
  if (!existsSync(built)) return "stale";
  const src = Math.max(...SOURCES.map((s) => newest(join(webDir, s))));
  return src > statSync(built).mtimeMs ? "stale" : "fresh";
}

/** Runs `vite build` in the web package; resolves with its exit code and the end of its output. */
export function buildWeb(webDir: string, repoRoot: string): Promise<{ code: number; output: string }> {
  const vite = join(repoRoot, "node_modules", "vite", "bin", "vite.js");
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vite, "build", "--logLevel", "warn"], {
      cwd: webDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const keep = (b: Buffer) => {
      output = (output + b.toString()).slice(-4000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", (e) => resolve({ code: 1, output: e.message }));
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}
