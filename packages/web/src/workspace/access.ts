/**
 * What the workspace offers a signed-in person: the server decides (every write is checked there, and a
 * refusal is shown as such); the page only avoids offering what the server would refuse. The rule mirrors
 * the server's department rule (docs/api.md, "The agenda"): tenant admins change every agenda record; an
 * editor changes the records of their membership's departments, named by their register ids; an
 * indicator's values may be recorded by the editors of its reporting department or of an action it serves.
 */
import type { Schemas } from "../api/client.ts";

export type Membership = Schemas["Session"]["memberships"][number];

/** A department as answers name it: its id and (when the register has it) its name. */
export interface NamedDepartment {
  id: string;
  name: { ko: string; en?: string } | null;
}

export function isAdmin(m: Membership | undefined): boolean {
  return m?.role === "admin";
}

/** Editors and admins write the agenda, imports and inventory drafts; nobody else does. */
export function writes(m: Membership | undefined): boolean {
  return m?.role === "admin" || m?.role === "editor";
}

/** Whether the membership may change a record owned by `owners`. */
export function mayChange(m: Membership | undefined, owners: readonly NamedDepartment[]): boolean {
  if (!m) return false;
  if (m.role === "admin") return true;
  if (m.role !== "editor") return false;
  const mine = new Set(m.departments);
  return owners.some((d) => mine.has(d.id));
}
