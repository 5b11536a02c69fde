/** The database's refusals as catalogue errors, and the helpers the repositories share to raise them. */
import { ConflictError } from "@citypath/core";

/** The SQLSTATE of a database error (PostgreSQL or PGlite, through drizzle's wrapping), if it is one. */
export function sqlState(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === "string" && /^[0-9A-Z]{5}$/.test(c)) return c;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export function conflict(message: string, currentVersion?: number): ConflictError {
  return new ConflictError(message, currentVersion);
}

/** A published inventory version is frozen: it is neither changed nor deleted (a CONFLICT). */
export class FrozenInventoryError extends ConflictError {
  constructor(readonly version: number) {
    super(`Inventory version ${version} is published and frozen.`, version);
    this.name = "FrozenInventoryError";
  }
}

/** The current version a CONFLICT error carries, if any. */
export function conflictVersion(e: unknown): number | undefined {
  return e instanceof ConflictError ? e.currentVersion : undefined;
}

/** Runs `fn`; a unique-key violation (23505) becomes the error `onDuplicate` gives. */
export async function uniqueOr<T>(fn: () => Promise<T>, onDuplicate: () => Error): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (sqlState(e) === "23505") throw onDuplicate();
    throw e;
  }
}
