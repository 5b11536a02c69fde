/** What leaves the server about a tenant. Settings only for its members. */
import type { TenantRecord } from "@citypath/db";
import { z } from "@hono/zod-openapi";

export const tenantSchema = z
  .object({
    slug: z.string().openapi({ example: "jeonju" }),
    name: z.string().openapi({ example: "전주시" }),
    name_en: z.string().openapi({ example: "Jeonju" }),
    version: z.number().int(),
    updated_at: z.string(),
    settings: z.record(z.string(), z.unknown()).optional().openapi({ description: "Members only." }),
  })
  .openapi("Tenant");

export type TenantOut = z.infer<typeof tenantSchema>;

export function presentTenant(t: TenantRecord, opts: { member: boolean }): TenantOut {
  return {
    slug: t.slug,
    name: t.name,
    name_en: t.nameEn,
    version: t.version,
    updated_at: t.updatedAt.toISOString(),
    ...(opts.member ? { settings: t.settings } : {}),
  };
}
