/**
 * The one error catalogue. Every problem the core (and the layers above it) reports carries a stable code
 * from this table, a message that says why, and where it happened (file, line, column, or a path inside a
 * document). Expected failures are values (`Result`), not exceptions; `CitypathError` carries the same
 * problems when a caller chooses to throw. HTTP status codes are assigned by the server, never here.
 */

export const PROBLEM_CODES = {
  // units and quantities
  UNKNOWN_UNIT: "The unit is not in the unit table and no factor names it.",
  UNIT_MISMATCH: "Two units of different dimensions were combined or converted.",
  // files and values
  BAD_NUMBER: "A value that must be a finite number is not one.",
  MISSING_COLUMN: "A required column is missing from the file's header.",
  MISSING_VALUE: "A required value is empty.",
  BAD_ENCODING: "The file could not be decoded in the given or detected text encoding.",
  BAD_VALUE: "A value is outside the values allowed for its field.",
  DUPLICATE: "The same key appears twice where it must be unique.",
  FILE_TOO_LARGE:
    "The file is over a limit on its size, uncompressed size, columns or cells (docs/formats.md).",
  // inventory
  UNKNOWN_GPC_REF: "The GPC reference number is not in the GPC v1.1 reference list.",
  UNKNOWN_GAS: "The gas is not in the GWP set.",
  UNKNOWN_GWP_SET: "The GWP set is not one of the built-in sets.",
  NO_FACTOR: "No emission factor matches the activity, GPC reference and year.",
  AMBIGUOUS_FACTOR: "More than one factor matches equally well, or CO2e and per-gas factors both match.",
  FACTOR_WITHOUT_SOURCE: "The factor has no source; it is used and flagged.",
  NCV_REQUIRED:
    "The factor is per energy, the activity is per mass or volume, and no net calorific value is given.",
  // model instances and pathways
  INVALID_INSTANCE: "The model instance does not match its schema.",
  UNKNOWN_REFERENCE: "A name refers to something that is not defined.",
  MISSING_YEAR: "A time series has no value for a year it must cover.",
  CYCLE: "Definitions refer to each other in a cycle.",
  // optimisation
  INFEASIBLE: "No choice of actions meets every constraint.",
  SOLVER_FAILED: "The solver failed or ran out of time.",
  SOLVER_TIMEOUT: "The solver reached its time limit before it found (or proved) a solution.",
  // storage and API
  NOT_FOUND: "The record does not exist or is not visible to the caller.",
  CONFLICT: "The record changed since the version the change was based on.",
  FORBIDDEN: "The caller's role does not allow this.",
  UNAUTHENTICATED: "The caller must sign in.",
  RATE_LIMITED: "Too many requests; try again later.",
  LOCKED: "The resource is held by another process.",
  PAYLOAD_TOO_LARGE: "The request body is larger than the limit for this route.",
  UNSUPPORTED_MEDIA_TYPE: "The request body is not in a format this route accepts (JSON unless stated).",
  NOT_READY: "The server is starting (migrations, demo data) or stopping; try again shortly.",
  BUSY: "The server's queue of computations is full; try again after the seconds Retry-After gives.",
  INTERNAL: "An unexpected error; the details are in the server log.",
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export interface Problem {
  readonly code: ProblemCode;
  /** Why, in words a city analyst understands; names the values involved. */
  readonly message: string;
  readonly severity: "error" | "warning";
  /** Where: the file name as the user gave it. */
  readonly file?: string;
  /** Where: the 1-based line number in the file (the header is line 1). */
  readonly line?: number;
  /** Where: the column name in a table. */
  readonly column?: string;
  /** Where: a path inside a document, e.g. `actions[3].params.ridership`. */
  readonly path?: string;
}

export type Result<T> = { ok: true; value: T; warnings: Problem[] } | { ok: false; problems: Problem[] };

export function problem(
  code: ProblemCode,
  message: string,
  where: Omit<Problem, "code" | "message" | "severity"> & { severity?: Problem["severity"] } = {},
): Problem {
  const { severity = "error", ...rest } = where;
  return { code, message, severity, ...rest };
}

export function ok<T>(value: T, warnings: Problem[] = []): Result<T> {
  return { ok: true, value, warnings };
}

export function fail<T = never>(problems: Problem[]): Result<T> {
  return { ok: false, problems };
}

/** Formats where a problem happened: `activity.csv:12 [unit]` or `scenarios.yaml actions[3].level`. */
export function formatWhere(p: Problem): string {
  let s = p.file ?? "";
  if (p.line !== undefined) s += `${s ? ":" : "line "}${p.line}`;
  if (p.column !== undefined) s += ` [${p.column}]`;
  if (p.path !== undefined) s += `${s ? " " : ""}${p.path}`;
  return s.trim();
}

export function formatProblem(p: Problem): string {
  const where = formatWhere(p);
  return `${p.severity === "warning" ? "warning" : "error"} ${p.code}${where ? ` at ${where}` : ""}: ${p.message}`;
}

/** Thrown where a caller prefers an exception; carries the same problems as a failed Result. */
export class CitypathError extends Error {
  readonly code: ProblemCode;
  readonly problems: readonly Problem[];
  constructor(problems: Problem[] | Problem) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map(formatProblem).join("\n"));
    this.name = "CitypathError";
    this.code = list[0]?.code ?? "INTERNAL";
    this.problems = list;
  }
}

/** Unwraps a Result or throws its problems. */
export function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw new CitypathError(r.problems);
}

/**
 * A CONFLICT: the record changed since the version a change was based on (or the key is taken). Carries the
 * record's current version when it is known, so a client can re-read and retry.
 */
export class ConflictError extends CitypathError {
  readonly currentVersion: number | undefined;
  constructor(
    message: string,
    currentVersion?: number,
    where: Omit<Problem, "code" | "message" | "severity"> = {},
  ) {
    super(problem("CONFLICT", message, where));
    this.name = "ConflictError";
    this.currentVersion = currentVersion;
  }
}
