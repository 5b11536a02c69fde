/**
 * Collects problems found row by row. The same problem on many rows (the same code, column and message) is
 * reported once, at its first line, naming the other lines, so a million bad rows give a readable list
 * while every distinct problem is still reported.
 */
import { type Problem, type ProblemCode, problem } from "../errors.ts";

const MAX_LINES_NAMED = 10;

interface Group {
  first: Problem;
  more: number[];
  count: number;
}

export class ProblemList {
  private readonly groups = new Map<string, Group>();

  add(p: Problem): void {
    const key = `${p.severity}\u0000${p.code}\u0000${p.file ?? ""}\u0000${p.column ?? ""}\u0000${p.path ?? ""}\u0000${p.message}`;
    const g = this.groups.get(key);
    if (!g) {
      this.groups.set(key, { first: p, more: [], count: 1 });
      return;
    }
    g.count++;
    if (p.line !== undefined && g.more.length < MAX_LINES_NAMED) g.more.push(p.line);
  }

  error(
    code: ProblemCode,
    message: string,
    where: Omit<Problem, "code" | "message" | "severity"> = {},
  ): void {
    this.add(problem(code, message, where));
  }

  warning(
    code: ProblemCode,
    message: string,
    where: Omit<Problem, "code" | "message" | "severity"> = {},
  ): void {
    this.add(problem(code, message, { ...where, severity: "warning" }));
  }

  get hasErrors(): boolean {
    for (const g of this.groups.values()) if (g.first.severity === "error") return true;
    return false;
  }

  private list(severity: Problem["severity"]): Problem[] {
    const out: Problem[] = [];
    for (const g of this.groups.values()) {
      if (g.first.severity !== severity) continue;
      if (g.count === 1) {
        out.push(g.first);
        continue;
      }
      const rest = g.count - 1 - g.more.length;
      const also = g.more.length
        ? ` (also on line${g.more.length > 1 ? "s" : ""} ${g.more.join(", ")}${rest > 0 ? ` and ${rest} more` : ""})`
        : ` (${g.count} times)`;
      out.push({ ...g.first, message: `${g.first.message}${also}` });
    }
    return out.sort(
      (a, b) =>
        (a.file ?? "").localeCompare(b.file ?? "") ||
        (a.line ?? 0) - (b.line ?? 0) ||
        a.code.localeCompare(b.code),
    );
  }

  errors(): Problem[] {
    return this.list("error");
  }

  warnings(): Problem[] {
    return this.list("warning");
  }
}
