/** What leaves the server about a tenant. Settings only for its members. */
import { TenantSettingsSchema } from "@citypath/core/tenant-settings";
import type { TenantRecord } from "@citypath/db";
import { z } from "@hono/zod-openapi";

export const tenantSettingsSchema = TenantSettingsSchema.describe(
  "The city's settings (members only); every key is optional.",
);

export const tenantSchema = z
  .object({
    slug: z.string().openapi({ example: "jeonju" }),
    name: z.string().openapi({ example: "전주시" }),
    name_en: z.string().openapi({ example: "Jeonju" }),
    version: z.number().int(),
    updated_at: z.string(),
    settings: tenantSettingsSchema.optional(),
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
