/** Tenants (cities): slug, names, settings, versioned. */
import { randomUUID } from "node:crypto";
import { CitypathError, problem, type TenantId } from "@citypath/core";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "./connect.ts";
import { conflict, uniqueOr } from "./errors.ts";
import * as t from "./schema.ts";
import type { Store, TenantRecord } from "./store.ts";

const tenantRec = (r: typeof t.tenant.$inferSelect): TenantRecord => ({
  id: r.id as TenantId,
  slug: r.slug,
  name: r.name,
  nameEn: r.nameEn,
  settings: r.settings,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export function tenantsRepository(db: Db, bump: (tenantId: string) => void): Store["tenants"] {
  const self: Store["tenants"] = {
    async list() {
      return (await db.select().from(t.tenant).orderBy(asc(t.tenant.slug))).map(tenantRec);
    },
    async bySlug(slug) {
      const [r] = await db.select().from(t.tenant).where(eq(t.tenant.slug, slug));
      return r && tenantRec(r);
    },
    async byId(id) {
      const [r] = await db.select().from(t.tenant).where(eq(t.tenant.id, id));
      return r && tenantRec(r);
    },
    async create(input) {
      const [r] = await uniqueOr(
        () =>
          db
            .insert(t.tenant)
            .values({
              id: randomUUID(),
              slug: input.slug,
              name: input.name,
              nameEn: input.nameEn,
              settings: input.settings ?? {},
            })
            .returning(),
        () => conflict(`A tenant with the slug "${input.slug}" already exists.`),
      );
      bump(r!.id);
      return tenantRec(r!);
    },
    async update(id, baseVersion, patch) {
      const [r] = await db
        .update(t.tenant)
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.nameEn !== undefined ? { nameEn: patch.nameEn } : {}),
          ...(patch.settings !== undefined ? { settings: patch.settings } : {}),
          version: baseVersion + 1,
          updatedAt: new Date(),
        })
        .where(and(eq(t.tenant.id, id), eq(t.tenant.version, baseVersion)))
        .returning();
      if (!r) {
        const cur = await self.byId(id);
        if (!cur) throw new CitypathError(problem("NOT_FOUND", `No tenant with id ${id}.`));
        throw conflict(
          `The tenant changed since version ${baseVersion}; it is now at ${cur.version}.`,
          cur.version,
        );
      }
      bump(id);
      return tenantRec(r);
    },
    async delete(id) {
      await db.delete(t.tenant).where(eq(t.tenant.id, id));
      bump(id);
    },
  };
  return self;
}
