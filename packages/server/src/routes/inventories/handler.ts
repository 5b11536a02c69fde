import type { TenantId } from "@citypath/core";
import type { InventoryRecord, Store } from "@citypath/db";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { seesDrafts } from "../../access.ts";
import type { AppEnv, Caller } from "../../env.ts";
import {
  presentInventory,
  presentInventoryDiff,
  presentInventoryHeader,
  presentInventorySummary,
  presentVerification,
} from "../../presenters/inventory.ts";
import { asJson, recordChange } from "../../services/audit.ts";
import { computeInventoryVersion } from "../../services/inventory.ts";
import { cachedJson, notFound } from "../common.ts";
import {
  createInventoryRoute,
  deleteInventoryRoute,
  getInventoryRoute,
  inventoryDiffRoute,
  inventorySummaryRoute,
  listInventoriesRoute,
  publishInventoryRoute,
  setVerificationRoute,
} from "./schema.ts";

/** A version the caller may see: `latest` is the newest published (newest of all for members). */
async function resolve(
  store: Store,
  tenantId: TenantId,
  caller: Caller,
  version: string,
): Promise<InventoryRecord> {
  const drafts = seesDrafts(caller, tenantId);
  const inv =
    version === "latest"
      ? await store.inventories.latest(tenantId, drafts ? {} : { status: "published" })
      : await store.inventories.get(tenantId, Number(version));
  if (!inv || (inv.status !== "published" && !drafts))
    throw notFound(
      version === "latest"
        ? "This tenant has no published inventory yet."
        : `No inventory version ${version}.`,
      "version",
    );
  return inv;
}

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(listInventoriesRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const drafts = seesDrafts(c.get("caller"), t.id);
    const list = await store.inventories.list(t.id, drafts ? {} : { status: "published" });
    return c.json({ tenant: t.slug, inventories: list.map(presentInventoryHeader) }, 200);
  });

  app.openapi(getInventoryRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { version } = c.req.valid("param");
    const q = c.req.valid("query");
    const caller = c.get("caller");
    const key = `inv:${t.id}:${store.generation(t.id, "inventory")}:${seesDrafts(caller, t.id)}:${version}:${q.year}:${q.gpc_ref}:${q.district}`;
    return cachedJson(c, key, async () =>
      presentInventory(t.slug, await resolve(store, t.id, caller, version), {
        year: q.year,
        gpcRef: q.gpc_ref,
        district: q.district,
      }),
    );
  });

  app.openapi(inventorySummaryRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { version } = c.req.valid("param");
    const caller = c.get("caller");
    const key = `inv-summary:${t.id}:${store.generation(t.id, "inventory")}:${seesDrafts(caller, t.id)}:${version}`;
    return cachedJson(c, key, async () =>
      presentInventorySummary(t.slug, await resolve(store, t.id, caller, version)),
    );
  });

  app.openapi(inventoryDiffRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { version } = c.req.valid("param");
    const { against } = c.req.valid("query");
    const caller = c.get("caller");
    const after = await resolve(store, t.id, caller, version);
    const beforeVersion = against ?? after.basedOnVersion ?? after.version - 1;
    if (beforeVersion < 1)
      throw notFound(`Inventory version ${after.version} has no earlier version.`, "against");
    const before = await resolve(store, t.id, caller, String(beforeVersion));
    return c.json(presentInventoryDiff(t.slug, before, after), 200);
  });

  app.openapi(createInventoryRoute, async (c) => {
    const t = c.get("tenant");
    const { store, services } = c.get("deps");
    const body = c.req.valid("json");
    const inv = await recordChange(store, c.get("caller"), async (s) => {
      const r = await computeInventoryVersion(
        s,
        t.id,
        {
          label: body.label,
          activityDatasetId: body.activity_dataset,
          factorSets: body.factor_sets,
          gwpSet: body.gwp_set,
          basedOnVersion: body.based_on_version ?? null,
        },
        services.compute,
      );
      // Versions are kept (a published one frozen): the record names the version and its inputs.
      const { result: _doc, ...header } = r;
      return {
        result: r,
        audit: {
          tenantId: t.id,
          action: "create",
          entity: "inventory",
          entityId: String(r.version),
          version: r.version,
          after: asJson(header),
        },
      };
    });
    return c.json(presentInventoryHeader(inv), 201);
  });

  app.openapi(publishInventoryRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const version = c.req.valid("param").version;
    const inv = await recordChange(store, c.get("caller"), async (s) => {
      const r = await s.inventories.publish(t.id, version);
      return {
        result: r,
        audit: {
          tenantId: t.id,
          action: "publish",
          entity: "inventory",
          entityId: String(version),
          version,
          before: { status: "draft" },
          after: { status: "published", published_at: r.publishedAt?.toISOString() ?? null },
        },
      };
    });
    return c.json(presentInventoryHeader(inv), 200);
  });

  app.openapi(setVerificationRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const version = c.req.valid("param").version;
    const body = c.req.valid("json");
    const inv = await recordChange(store, c.get("caller"), async (s) => {
      const before = await s.inventories.get(t.id, version);
      const r = await s.inventories.setVerification(t.id, version, body);
      return {
        result: r,
        audit: {
          tenantId: t.id,
          action: "verify",
          entity: "inventory",
          entityId: String(version),
          version,
          before: asJson(before ? presentVerification(before.verification) : null),
          after: asJson(presentVerification(r.verification)),
        },
      };
    });
    return c.json(presentInventoryHeader(inv), 200);
  });

  app.openapi(deleteInventoryRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const version = c.req.valid("param").version;
    await recordChange(store, c.get("caller"), async (s) => {
      const before = await s.inventories.get(t.id, version);
      await s.inventories.deleteDraft(t.id, version);
      const header = before ? (({ result: _doc, ...h }) => h)(before) : null;
      return {
        result: undefined,
        audit: {
          tenantId: t.id,
          action: "delete",
          entity: "inventory",
          entityId: String(version),
          version,
          before: asJson(header),
        },
      };
    });
    return c.body(null, 204);
  });
}
