/**
 * The roles a member has in a tenant, declared once: the database's check constraint, the API's schemas, the
 * access rules and the workspace all take this list.
 *
 * - `admin`: everything in the tenant (members, settings, publishing, the audit trail).
 * - `editor`: writes the records of their departments (agenda, data, model).
 * - `council`, `expert`: read drafts as reviewers.
 * - `citizen`: a resident taking part; sees published data only.
 * - `auditor`: reads everything of the tenant (drafts, members, the audit trail) and writes nothing.
 * - `moderator`: moderates the city's consultations (hides and restores contributions, blocks accounts);
 *   sees published data only otherwise.
 */
import type { Text } from "./text.ts";

export const ROLES = ["admin", "editor", "council", "expert", "citizen", "auditor", "moderator"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** Roles that see unpublished records (drafts) of their tenant. */
export const DRAFT_READERS: readonly Role[] = ["admin", "editor", "council", "expert", "auditor"];

/** Roles whose members never change anything of the tenant, whatever a route declares. */
export const READ_ONLY_ROLES: readonly Role[] = ["auditor"];

export const ROLE_NAMES: Record<Role, Text> = {
  admin: { ko: "관리자", en: "Administrator" },
  editor: { ko: "편집자", en: "Editor" },
  council: { ko: "시의원", en: "Council member" },
  expert: { ko: "전문가", en: "Expert" },
  citizen: { ko: "시민", en: "Citizen" },
  auditor: { ko: "감사자", en: "Auditor" },
  moderator: { ko: "운영자", en: "Moderator" },
};
