import { CitypathError, type Problem, problem } from "@citypath/core";
import {
  deleteImportProfile,
  getImportProfile,
  type ImportProfileRecord,
  listImportProfiles,
  saveImportProfile,
  type TenantRecord,
} from "@citypath/db";
import type { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { actorId, asJson, recordChange } from "../../services/audit.ts";
import { fromCoreActivityRow } from "../../services/inventory.ts";
import { formatOf, type ImportRows, readImport } from "../../services/tables.ts";
import { notFound } from "../common.ts";
import {
  commitRoute,
  deleteProfileRoute,
  getProfileRoute,
  type importBody,
  listProfilesRoute,
  previewRoute,
  putProfileRoute,
} from "./schema.ts";

type Body = z.infer<typeof importBody>;

/** A profile as the audit trail shows it: as presented, without its time. */
const auditedProfile = (p: Omit<ImportProfileRecord, "tenantId" | "updatedAt">) => ({
  id: p.id,
  name: p.name,
  kind: p.kind,
  mapping: p.mapping,
  constants: p.constants,
  value_map: p.valueMap,
  scale: p.scale,
  encoding: p.encoding,
  sheet: p.sheet,
  version: p.version,
});

const presentProfile = (p: ImportProfileRecord) => ({
  ...auditedProfile(p),
  updated_at: p.updatedAt.toISOString(),
});

const presentProblem = (p: Problem) => ({
  file: p.file ?? "",
  row: p.line ?? null,
  column: p.column ?? null,
  code: p.code,
  reason: p.message,
});

/** Decodes the request, applies the profile, reads the file with the CLI's readers. */
async function read(c: Context<AppEnv>, t: TenantRecord, body: Body): Promise<ImportRows> {
  const { store } = c.get("deps");
  const problems: Problem[] = [];
  let profile: ImportProfileRecord | undefined;
  if (body.profile) {
    profile = await getImportProfile(store, t.id, body.profile);
    if (!profile) throw notFound(`No import profile "${body.profile}" in ${t.slug}.`, "json.profile");
    if (profile.kind !== body.kind)
      problems.push(
        problem("BAD_VALUE", `The profile "${profile.id}" is for ${profile.kind} files, not ${body.kind}.`, {
          path: "json.profile",
        }),
      );
  }
  const format = body.format ?? formatOf(body.file_name);
  if (!format)
    problems.push(
      problem("BAD_VALUE", "Say the format (csv or xlsx): the file name does not end in .csv or .xlsx.", {
        path: "json.format",
      }),
    );
  const bytes = Buffer.from(body.content_base64, "base64");
  if (bytes.length === 0)
    problems.push(
      problem("MISSING_VALUE", "The file is empty or not base64.", { path: "json.content_base64" }),
    );
  if (problems.length) throw new CitypathError(problems);
  return readImport({
    kind: body.kind,
    fileName: body.file_name,
    bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    format: format!,
    encoding: body.encoding ?? profile?.encoding ?? "auto",
    sheet: body.sheet ?? profile?.sheet,
    mapping: { ...(profile?.mapping ?? {}), ...(body.mapping ?? {}) },
    constants: { ...(profile?.constants ?? {}), ...(body.constants ?? {}) },
    valueMap: profile?.valueMap ?? {},
    scale: profile?.scale ?? {},
  });
}

function sample(r: ImportRows) {
  const first = <T extends { file?: string }>(rows: readonly T[]) =>
    rows.slice(0, 10).map(({ file: _f, ...rest }) => rest);
  return r.kind === "activity" ? first(r.parsed.rows) : first(r.parsed.rows);
}

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(previewRoute, async (c) => {
    const t = c.get("tenant");
    const body = c.req.valid("json");
    const r = await read(c, t, body);
    const errors = r.parsed.problems.filter((p) => p.severity === "error");
    return c.json(
      {
        ok: errors.length === 0,
        kind: r.kind,
        columns: r.header,
        rows: r.parsed.rows.length,
        sample: sample(r),
        problems: r.parsed.problems.map(presentProblem),
      },
      200,
    );
  });

  app.openapi(commitRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const body = c.req.valid("json");
    if (!body.target)
      throw new CitypathError(
        problem("MISSING_VALUE", "Name the dataset or factor set to store the rows as (target).", {
          path: "json.target",
        }),
      );
    const target = body.target;
    const r = await read(c, t, body);
    const errors = r.parsed.problems.filter((p) => p.severity === "error");
    // All or nothing: one problem and nothing is stored; the answer lists every problem.
    if (errors.length) throw new CitypathError(errors);
    type Stored = { kind: "activity" | "factors"; id: string; version: number; rows: number };
    const stored = await recordChange<Stored>(store, c.get("caller"), async (s) => {
      if (r.kind === "activity") {
        const d = await s.activity.create(t.id, {
          id: target.id,
          name: target.name,
          source: body.file_name,
          rows: r.parsed.rows.map(fromCoreActivityRow),
        });
        return {
          result: { kind: "activity" as const, id: d.id, version: d.version, rows: d.rowCount },
          audit: {
            tenantId: t.id,
            action: "import",
            entity: "activity_dataset",
            entityId: d.id,
            version: d.version,
            after: asJson({ name: d.name, source: d.source, row_count: d.rowCount }),
          },
        };
      }
      const before = target.base_version === 0 ? undefined : await s.factorSets.get(t.id, target.id);
      const factors = r.parsed.rows.map(({ file: _f, line: _l, ...rest }, i) => ({
        ...rest,
        id: `${target.id}:${i + 1}`,
        origin: "user" as const,
      }));
      const fs = await s.factorSets.save(
        t.id,
        { id: target.id, name: target.name, source: body.file_name, factors },
        target.base_version,
      );
      const shown = (f: typeof fs) => asJson({ name: f.name, source: f.source, factors: f.factors });
      return {
        result: { kind: "factors" as const, id: fs.id, version: fs.version, rows: fs.factorCount },
        audit: {
          tenantId: t.id,
          action: "import",
          entity: "factor_set",
          entityId: fs.id,
          version: fs.version,
          before: before ? shown(before) : null,
          after: shown(fs),
        },
      };
    });
    return c.json(stored, 201);
  });

  app.openapi(listProfilesRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    return c.json(
      { tenant: t.slug, profiles: (await listImportProfiles(store, t.id)).map(presentProfile) },
      200,
    );
  });

  app.openapi(getProfileRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { id } = c.req.valid("param");
    const p = await getImportProfile(store, t.id, id);
    if (!p) throw notFound(`No import profile "${id}" in ${t.slug}.`, "id");
    return c.json(presentProfile(p), 200);
  });

  app.openapi(putProfileRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    // the profile and its audit record in one statement (decision 0087): no transaction held across round trips
    const saved = await saveImportProfile(
      store,
      t.id,
      {
        id,
        name: body.name,
        kind: body.kind,
        mapping: body.mapping,
        constants: body.constants,
        valueMap: body.value_map,
        scale: body.scale,
        encoding: body.encoding,
        sheet: body.sheet,
      },
      body.base_version,
      { actorId: actorId(c.get("caller")), view: auditedProfile },
    );
    return c.json(presentProfile(saved), 200);
  });

  app.openapi(deleteProfileRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { id } = c.req.valid("param");
    const { version } = c.req.valid("query");
    await recordChange(store, c.get("caller"), async (s) => {
      const gone = await deleteImportProfile(s, t.id, id, version);
      return {
        result: undefined,
        audit: {
          tenantId: t.id,
          action: "delete",
          entity: "import_profile",
          entityId: id,
          version,
          before: asJson({ ...presentProfile(gone), updated_at: undefined }),
        },
      };
    });
    return c.body(null, 204);
  });
}
