/**
 * Tenant export and import: exporting, importing into an empty database (of either kind) and comparing every
 * tenant-owned table row by row. Only the tenant's id and the times the import itself sets may differ.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { asDepartmentId, type TenantId } from "@citypath/core";
import { DepartmentSchema, SourceSchema } from "@citypath/core/agenda/index";
import {
  action as sampleAction,
  indicator as sampleIndicator,
  plan as samplePlan,
} from "@citypath/core/agenda/test-fixtures";
import { BudgetLineSchema, SettlementSchema } from "@citypath/core/budget/index";
import { consultation as sampleConsultation } from "@citypath/core/participation/test-fixtures";
import type { Database } from "./connect.ts";
import { departmentIdFor } from "./departments.ts";
import { copyAccounts, exportTenant, importTenant, TENANT_TABLES } from "./export.ts";
import { sampleActivityRows, sampleInventoryResult } from "./fixtures.ts";
import { saveImportProfile } from "./profiles.ts";
import { createStore, type Store } from "./store.ts";
import { testDatabaseKinds } from "./testing.ts";

/** Each tenant-owned table: its rows for one tenant, without the columns that may differ after an import. */
// `bigint` columns, which node-postgres returns as strings and PGlite as numbers: compared as numbers.
const TABLES: Record<string, { where: string; order: string; ignore: string[]; bigints?: string[] }> = {
  tenant: { where: "id = $1", order: "id", ignore: ["id", "created_at", "updated_at"] },
  membership: { where: "tenant_id = $1", order: "user_id", ignore: ["tenant_id", "created_at"] },
  activity_dataset: { where: "tenant_id = $1", order: "id", ignore: ["tenant_id", "updated_at"] },
  activity_row: { where: "tenant_id = $1", order: "dataset_id, line", ignore: ["tenant_id"] },
  factor_set: { where: "tenant_id = $1", order: "id", ignore: ["tenant_id", "created_at", "updated_at"] },
  inventory: { where: "tenant_id = $1", order: "version", ignore: ["tenant_id"] },
  inventory_verification: { where: "tenant_id = $1", order: "version", ignore: ["tenant_id"] },
  model_instance: { where: "tenant_id = $1", order: "id, version", ignore: ["tenant_id"] },
  agenda_register: { where: "tenant_id = $1", order: "kind, id", ignore: ["tenant_id"] },
  agenda_plan: { where: "tenant_id = $1", order: "id", ignore: ["tenant_id", "updated_at"] },
  agenda_action: { where: "tenant_id = $1", order: "id", ignore: ["tenant_id", "updated_at"] },
  agenda_indicator: { where: "tenant_id = $1", order: "id", ignore: ["tenant_id", "updated_at"] },
  agenda_progress: { where: "tenant_id = $1", order: "action_id, id", ignore: ["tenant_id"] },
  agenda_observation: {
    where: "tenant_id = $1",
    order: "indicator_id, year, district",
    ignore: ["tenant_id"],
  },
  agenda_outbox: { where: "tenant_id = $1", order: "dedupe_key", ignore: ["tenant_id"] },
  import_profile: {
    where: "tenant_id = $1",
    order: "id",
    ignore: ["tenant_id", "created_at", "updated_at", "version"],
  },
  budget_line: {
    where: "tenant_id = $1",
    order: "year, code",
    ignore: ["tenant_id", "updated_at"],
    bigints: ["amount_krw"],
  },
  budget_settlement: { where: "tenant_id = $1", order: "year, code", ignore: ["tenant_id", "updated_at"] },
  budget_year: { where: "tenant_id = $1", order: "year", ignore: ["tenant_id", "updated_at"] },
  consultation: { where: "tenant_id = $1", order: "id", ignore: ["tenant_id"] },
  contribution: { where: "tenant_id = $1", order: "id", ignore: ["tenant_id"] },
  contribution_edit: { where: "tenant_id = $1", order: "contribution_id, version", ignore: ["tenant_id"] },
  contribution_support: {
    where: "tenant_id = $1",
    order: "contribution_id, supporter",
    ignore: ["tenant_id"],
  },
  contribution_answer: { where: "tenant_id = $1", order: "contribution_id", ignore: ["tenant_id"] },
  contribution_report: { where: "tenant_id = $1", order: "contribution_id, reporter", ignore: ["tenant_id"] },
  participation_block: { where: "tenant_id = $1", order: "user_id", ignore: ["tenant_id"] },
  participation_follow: { where: "tenant_id = $1", order: "user_id, target_id", ignore: ["tenant_id"] },
};

async function snapshot(d: Database, tenantId: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, t] of Object.entries(TABLES)) {
    const rows = await d.withSession((s) =>
      s.query<Record<string, unknown>>(`SELECT * FROM ${table} WHERE ${t.where} ORDER BY ${t.order}`, [
        tenantId,
      ]),
    );
    out[table] = rows.map((r) => {
      const c = { ...r };
      for (const k of t.ignore) delete c[k];
      for (const k of t.bigints ?? []) if (c[k] !== null) c[k] = Number(c[k]);
      // user ids are kept by copyAccounts, so memberships compare as they are
      return JSON.parse(JSON.stringify(c));
    });
  }
  return out;
}

async function fillTenant(store: Store): Promise<TenantId> {
  const t = await store.tenants.create({
    slug: "exported",
    name: "내보내기시",
    nameEn: "Export City",
    settings: { model_owners: [asDepartmentId("dept-a")], default_locale: "ko" },
  });
  const u = await store.users.create({ name: "김편집", email: "editor@example.org" });
  await store.users.setPasswordHash(u.id, "$argon2id$v=19$m=19456,t=2,p=1$test$test");
  await store.memberships.put(t.id, u.id, "editor", ["dept-a"]);
  await store.activity.create(t.id, {
    id: "2020",
    name: "활동자료",
    source: "a.csv",
    rows: sampleActivityRows(7),
  });
  await store.activity.create(t.id, { id: "empty", name: "빈", rows: [] });
  await store.factorSets.save(
    t.id,
    {
      id: "local",
      name: "자체",
      source: "시 조사",
      factors: [{ id: "local:1", activity: "lng", gas: "CO2", factor: 56100, unit: "kg/TJ", origin: "user" }],
    },
    0,
  );
  await store.inventories.create(t.id, {
    label: { ko: "v1", en: "Version 1" },
    gwpSet: "AR5",
    activityDatasetId: "2020",
    status: "published",
    result: sampleInventoryResult(2020),
    firstYear: 2020,
    lastYear: 2020,
  });
  await store.inventories.setVerification(
    t.id,
    1,
    {
      status: "verified",
      verified_by: "검증기관",
      verified_on: "2021-06-30",
      basis: { ko: "검증 의견서", en: "Verification opinion" },
      illustrative: true,
    },
    new Date("2021-07-01T00:00:00Z"),
  );
  await store.inventories.create(t.id, {
    label: { ko: "v2" },
    gwpSet: "AR6",
    activityDatasetId: "2020",
    basedOnVersion: 1,
    factorSets: [{ kind: "tenant", id: "local" }],
    result: sampleInventoryResult(2020, 1.1),
    firstYear: 2020,
    lastYear: 2020,
  });
  await store.instances.save(
    t.id,
    { id: "main", name: "모델", document: { id: "main", v: 1 }, documentHash: "h1" },
    0,
  );
  await store.instances.save(
    t.id,
    { id: "main", name: "모델", document: { id: "main", v: 2, 한글: "값" }, documentHash: "h2" },
    1,
  );
  await store.instances.save(
    t.id,
    { id: "other", name: "다른", document: { id: "other" }, documentHash: "h3" },
    0,
  );
  await store.agenda.putRegisters(t.id, {
    sources: [SourceSchema.parse({ id: "src", title: "출처", ref: "https://example.org/a" })],
    departments: [
      DepartmentSchema.parse({
        id: "dept-a",
        name: { ko: "기후", en: "Climate" },
        illustrative: true,
        note: "test figure",
      }),
    ],
    categories: [],
  });
  await store.agenda.save(t.id, "plan", samplePlan({ id: "plan" }), 0);
  await store.agenda.save(
    t.id,
    "indicator",
    sampleIndicator({
      id: "ind",
      observed: [{ year: 2025, value: 3, district: "덕진구", illustrative: true, note: "test figure" }],
    }),
    0,
  );
  const act = sampleAction({
    id: "act",
    progress: [
      {
        id: "u1",
        date: "2026-02-01",
        author: { name: "담당" },
        text: { ko: "진행", en: "Progress" },
        evidence: [],
      },
    ],
  });
  const v1 = await store.agenda.save(t.id, "action", act, 0);
  await store.agenda.save(t.id, "action", { ...act, phase: "design" }, v1.version);
  const message = {
    dedupe_key: "2026-03-02:dept-a",
    department: "dept-a",
    created_for: "2026-03-02",
    items: [],
  };
  await store.agenda.queueMessages(t.id, [message]);
  await saveImportProfile(
    store,
    t.id,
    {
      id: "kepco",
      name: "한전 전력 사용량",
      kind: "activity",
      mapping: { amount: "사용량" },
      constants: { unit: "MWh" },
      encoding: "cp949",
      sheet: null,
    },
    0,
  );
  const budgetLine = BudgetLineSchema.parse({
    year: 2024,
    code: "120-123-A01-B01-C01",
    name: { ko: "BRT 구축" },
    bureau: "대중교통국",
    department: "교통정책과",
    department_id: "transport-policy",
    account: "general",
    cost_kind: "project",
    amount: { original_krw: 600_000_000 },
    class: "reduction",
    class_reason: "대중교통 전환",
    reduction: { type: "quantitative", sector: "transport", expected: { kind: "action" } },
    action: "brt",
    illustrative: true,
  });
  await store.budget.saveYear(t.id, { year: 2024, stage: "adopted", published: true, exclusions: [] }, 0);
  await store.budget.saveLine(t.id, budgetLine, 0);
  await store.budget.saveSettlement(
    t.id,
    SettlementSchema.parse({
      year: 2024,
      code: budgetLine.code,
      available_krw: 600,
      executed_krw: 500,
      closed: false,
      as_of: "2024-10-31",
      illustrative: true,
    }),
    0,
  );
  await fillParticipation(store, t.id, u.id);
  return t.id;
}

/** A consultation with a comment, a reply, a proposal with a scenario, and a row in every other table. */
async function fillParticipation(store: Store, tenant: TenantId, user: string): Promise<void> {
  const p = store.participation;
  const T0 = Date.parse("2026-03-02T00:00:00Z");
  await p.saveConsultation(
    tenant,
    sampleConsultation({
      id: "brt",
      subject: { kind: "action", id: "act" },
      opens_at: "2026-03-01T00:00:00+09:00",
      closes_at: "2026-04-01T00:00:00+09:00",
      department: "dept-a",
    }),
    0,
  );
  const base = { consultationId: "brt", authorId: user, authorName: "시민", badge: null };
  const due = new Date(T0 + 30 * 86_400_000);
  const c = await p.addContribution(tenant, {
    ...base,
    id: "c1",
    kind: "comment",
    text: "버스 간격을 줄여 주세요",
    dueAt: due,
    createdAt: new Date(T0),
  });
  await p.addContribution(tenant, {
    ...base,
    id: "c2",
    kind: "comment",
    parent: { id: c.id, rootId: c.rootId, depth: c.depth },
    authorId: null,
    authorKey: "deleted:00000000-0000-4000-8000-000000000000",
    authorName: "",
    badge: "expert",
    text: "동의합니다",
    dueAt: due,
    createdAt: new Date(T0 + 1000),
  });
  await p.addContribution(tenant, {
    ...base,
    id: "p1",
    kind: "proposal",
    title: "전용차로 연장",
    text: "전용차로를 연장합시다",
    instanceId: "main",
    instanceVersion: 2,
    scenario: { scenario: "plan", levels: { brt: 0.5 } },
    dueAt: due,
    createdAt: new Date(T0 + 2000),
  });
  await p.editContribution(tenant, "c1", { text: "버스 배차 간격을 줄여 주세요" }, 1, new Date(T0 + 60_000));
  await p.support(tenant, "p1", user);
  await p.support(tenant, "p1", "deleted:00000000-0000-4000-8000-000000000001");
  await p.answer(
    tenant,
    "p1",
    {
      state: "accepted",
      text: { ko: "반영합니다" },
      links: [{ kind: "action_status", id: "act", note: { ko: "추진 중", en: "Under way" } }],
      department: "dept-a",
      answeredBy: user,
      answeredAt: new Date(T0 + 86_400_000),
    },
    0,
  );
  await p.report(tenant, "c2", user, "off_topic", new Date(T0 + 5000));
  await p.block(tenant, "someone-else", "spam", user, new Date(T0 + 6000));
  await p.follow(tenant, user, { kind: "consultation", id: "brt" }, new Date(T0 + 7000));
}

// Each kind exports once and imports once, into the next kind round the ring (PGlite -> PostgreSQL -> Citus ->
// PGlite): every kind is proven as a source and as a target, without making all nine pairs of databases.
const kinds = testDatabaseKinds();
for (const [i, source] of kinds.entries())
  for (const target of [kinds[(i + 1) % kinds.length]!])
    describe(`tenant export from ${source.name}, import into ${target.name}`, {
      skip: source.skip ?? target.skip,
    }, () => {
      it("gives the same content, table by table", async () => {
        const a = await source.open();
        const b = await target.open();
        try {
          const sa = createStore(a);
          const sb = createStore(b);
          const id = await fillTenant(sa);
          const doc = await exportTenant(sa, "exported");
          // through JSON, as a file or an HTTP body would carry it
          const copied = await copyAccounts(a, b);
          assert.deepEqual(copied, { users: 1, accounts: 1 });
          const imported = await importTenant(sb, JSON.parse(JSON.stringify(doc)));
          assert.notEqual(imported.id, id);
          const before = await snapshot(a, id);
          const after = await snapshot(b, imported.id);
          for (const table of Object.keys(TABLES)) {
            assert.ok(before[table]!.length > 0, `${table} has rows to compare`);
            assert.deepEqual(after[table], before[table], `table ${table}`);
          }
          // and the export of the copy is the export of the original
          const again = await exportTenant(sb, "exported");
          assert.deepEqual({ ...again, exportedAt: "" }, { ...doc, exportedAt: "" });
          // importing the same slug twice is a conflict, and leaves nothing behind
          await assert.rejects(importTenant(sb, doc), /already exists/);
          assert.equal((await sb.tenants.list()).length, 1);
        } finally {
          await a.close();
          await b.close();
        }
      });
    });

describe("the export covers every tenant-owned table", () => {
  it("each table with a tenant_id column (and the tenant) is exported, or says why not; each exported one is compared", async () => {
    const d = await kinds[0]!.open();
    try {
      const rows = await d.withSession((s) =>
        s.query<{ table_name: string }>(
          "SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'tenant_id' ORDER BY table_name",
        ),
      );
      const owned = new Set(["tenant", ...rows.map((r) => r.table_name)]);
      assert.deepEqual([...owned].sort(), Object.keys(TENANT_TABLES).sort());
      const exported = Object.entries(TENANT_TABLES)
        .filter(([, v]) => "exported" in v)
        .map(([k]) => k)
        .sort();
      // the round trip above compares every exported table row by row
      assert.deepEqual(Object.keys(TABLES).sort(), exported);
    } finally {
      await d.close();
    }
  });
});

describe("tenant import checks the document", () => {
  it("reports every problem with its path and stores nothing", async () => {
    const d = await kinds[0]!.open();
    try {
      const s = createStore(d);
      await assert.rejects(
        importTenant(s, { format: "citypath.tenant-export", formatVersion: 1, tenant: { slug: 3 } }),
        (e: Error & { problems?: { path?: string }[] }) => {
          const paths = (e.problems ?? []).map((p) => p.path);
          for (const p of ["exportedAt", "tenant.slug", "tenant.name", "members", "inventories"])
            assert.ok(paths.includes(p), `${p} in ${paths.join(", ")}`);
          return true;
        },
      );
      assert.deepEqual(await s.tenants.list(), []);
    } finally {
      await d.close();
    }
  });
});

describe("tenant import of participation", () => {
  it("refuses a row the database refuses, names where, and stores nothing; reads an older link note as Korean", async () => {
    const d = await kinds[0]!.open();
    try {
      const s = createStore(d);
      const t = await s.tenants.create({ slug: "src", name: "시", nameEn: "City" });
      const u = await s.users.create({ name: "시민", email: "citizen@example.org" });
      await fillParticipation(s, t.id, u.id);
      const doc = JSON.parse(JSON.stringify(await exportTenant(s, "src")));
      assert.equal(doc.participation.contributions.length, 3);
      // account references are ids, never emails
      assert.doesNotMatch(JSON.stringify(doc.participation), /citizen@example\.org/);
      doc.participation.answers[0].state = "maybe";
      await assert.rejects(
        importTenant(s, doc, { slug: "copy" }),
        (e: Error & { problems?: { path?: string }[] }) => {
          assert.equal(e.problems?.[0]?.path, "participation.answers");
          return true;
        },
      );
      doc.participation.answers[0].state = "accepted";
      // a link's note as one string (an export written before migration 0032) is read as the Korean
      doc.participation.answers[0].links = [{ kind: "action_status", id: "act", note: "추진 중" }];
      const older = await importTenant(s, doc, { slug: "before-0032" });
      const answered = await s.participation.contribution(older.id, "p1");
      assert.deepEqual(answered?.answer?.links, [
        { kind: "action_status", id: "act", note: { ko: "추진 중" } },
      ]);
      // a link of an unknown kind is refused by its path
      doc.participation.answers[0].links = [{ kind: "budget", id: "act" }];
      await assert.rejects(
        importTenant(s, doc, { slug: "copy" }),
        (e: Error & { problems?: { path?: string }[] }) => {
          assert.equal(e.problems?.[0]?.path, "participation.answers[0].links[0].kind");
          return true;
        },
      );
      doc.participation.answers[0].links = [];
      doc.participation.consultations[0].document.audience = "everyone";
      await assert.rejects(
        importTenant(s, doc, { slug: "copy" }),
        (e: Error & { problems?: { path?: string }[] }) => {
          assert.equal(e.problems?.[0]?.path, "participation.consultations[0].document.audience");
          return true;
        },
      );
      assert.deepEqual(
        (await s.tenants.list()).map((x) => x.slug),
        ["before-0032", "src"],
      );
    } finally {
      await d.close();
    }
  });
});

describe("tenant import of an export written before actions lost their budget rows", () => {
  it("turns an action's own budget rows into budget lines, linked once, or refuses a bad row by its path", async () => {
    const d = await kinds[0]!.open();
    try {
      const s = createStore(d);
      await fillTenant(s);
      const doc = JSON.parse(JSON.stringify(await exportTenant(s, "exported")));
      const rec = doc.agenda.actions.find((a: { document: { id: string } }) => a.document.id === "act");
      // the action funded in 2024 by the exported line: its 2024 row is kept but not linked; 2025 is linked
      doc.budget.lines[0].action = "act";
      rec.document.budget = [
        { year: 2024, planned_krw: 700, source: "s1" },
        { year: 2025, planned_krw: 900, spent_krw: 400, source: "s1" },
      ];
      const copy = await importTenant(s, doc, { slug: "older" });
      const action = await s.agenda.get(copy.id, "action", rec.document.id);
      assert.equal("budget" in (action!.document as object), false);
      const lines = (await s.budget.lines(copy.id)).map((r) => r.document);
      assert.deepEqual(
        lines.map((l) => [l.year, l.code, l.action, l.amount.original_krw, l.class]),
        [
          [2024, "120-123-A01-B01-C01", "act", 600_000_000, "reduction"],
          [2024, "900-999-AGENDA-A0001-R1", undefined, 700, "neutral"],
          [2025, "900-999-AGENDA-A0001-R2", "act", 900, "neutral"],
        ],
      );
      const settled = (await s.budget.settlements(copy.id, 2025)).map((r) => r.document);
      assert.deepEqual(
        settled.map((x) => [x.code, x.available_krw, x.executed_krw, x.closed]),
        [["900-999-AGENDA-A0001-R2", 900, 400, false]],
      );
      rec.document.budget = [{ year: 2025, source: "s1" }];
      await assert.rejects(
        importTenant(s, doc, { slug: "broken" }),
        (e: Error & { problems?: { path?: string }[] }) => {
          assert.match(
            e.problems?.[0]?.path ?? "",
            /^agenda\.actions\[\d+\]\.document\.budget\[0\]\.planned_krw$/,
          );
          return true;
        },
      );
      assert.equal(
        (await s.tenants.list()).some((x) => x.slug === "broken"),
        false,
      );
    } finally {
      await d.close();
    }
  });
});

describe("tenant import of an export written before a budget indicator had local names", () => {
  it("reads the indicator's string name and unit as the Korean, the English left missing (as migration 0029)", async () => {
    const d = await kinds[0]!.open();
    try {
      const s = createStore(d);
      await fillTenant(s);
      const doc = JSON.parse(JSON.stringify(await exportTenant(s, "exported")));
      doc.budget.lines[0].reduction.indicator = {
        name: "BRT 일 이용객",
        unit: "명/일",
        target: 30_000,
        direction: "increase",
      };
      const copy = await importTenant(s, doc, { slug: "before-0029" });
      const [line] = (await s.budget.lines(copy.id)).map((r) => r.document);
      assert.deepEqual(line?.reduction?.indicator, {
        name: { ko: "BRT 일 이용객" },
        unit: { ko: "명/일" },
        target: 30_000,
        direction: "increase",
      });
    } finally {
      await d.close();
    }
  });
});

describe("tenant import of an export written before an inventory's label and basis had languages", () => {
  it("reads the string label and verification basis as the Korean, the English left missing (as migration 0031)", async () => {
    const d = await kinds[0]!.open();
    try {
      const s = createStore(d);
      await fillTenant(s);
      const doc = JSON.parse(JSON.stringify(await exportTenant(s, "exported")));
      const withBasis = doc.inventories.find((i: { verification?: unknown }) => i.verification);
      assert.ok(withBasis, "the filled tenant has a verified version");
      for (const inv of doc.inventories) inv.label = `${inv.version}판`;
      withBasis.verification.basis = "검증 의견서";
      const copy = await importTenant(s, doc, { slug: "before-0031" });
      const list = await s.inventories.list(copy.id);
      assert.deepEqual(
        list.map((i) => i.label),
        list.map((i) => ({ ko: `${i.version}판` })),
      );
      const v = await s.inventories.get(copy.id, withBasis.version);
      assert.deepEqual(v?.verification.basis, { ko: "검증 의견서" });
    } finally {
      await d.close();
    }
  });
});

describe("tenant import of an export written before budget lines named their department by id", () => {
  it("gives each line the register's id by migration 0039's rule; a shared name stays without one", async () => {
    const d = await kinds[0]!.open();
    try {
      const s = createStore(d);
      await fillTenant(s);
      const doc = JSON.parse(JSON.stringify(await exportTenant(s, "exported")));
      const twin = (id: string) => ({ id, name: { ko: "녹지과" }, illustrative: true, note: "test figure" });
      doc.agenda.departments.push(twin("green-north"), twin("green-south"));
      doc.agenda.sources = doc.agenda.sources.filter(
        (x: { id: string }) => x.id !== "city-department-register",
      );
      const { department_id: _id, ...first } = doc.budget.lines[0];
      const as = (code: string, department: string) => ({ ...first, code, department });
      doc.budget.lines = [
        as(first.code, "기후"),
        as("120-123-TR01-BRT-901", "자원순환과"),
        as("120-123-TR01-BRT-902", "녹지과"),
      ];
      doc.budget.settlements = [];
      const copy = await importTenant(s, doc, { slug: "before-0039" });
      const lines = (await s.budget.lines(copy.id)).map((r) => [
        r.document.code,
        r.document.department_id ?? null,
      ]);
      const recycling = departmentIdFor("자원순환과");
      assert.deepEqual(
        lines.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        [
          [first.code, "dept-a"],
          ["120-123-TR01-BRT-901", recycling],
          ["120-123-TR01-BRT-902", null],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      const reg = await s.agenda.registers(copy.id);
      const made = reg.departments.find((x) => x.id === recycling);
      assert.deepEqual(made?.name, { ko: "자원순환과" });
      assert.equal(made?.source, "city-department-register");
      assert.ok(reg.sources.some((x) => x.id === "city-department-register"));
    } finally {
      await d.close();
    }
  });
});

describe("tenant import of an export written before departments were named by their register id", () => {
  it("turns the settings' names and the members' names into register ids (as migration 0034)", async () => {
    const d = await kinds[0]!.open();
    try {
      const s = createStore(d);
      await fillTenant(s);
      const doc = JSON.parse(JSON.stringify(await exportTenant(s, "exported")));
      // as written before 0034: the settings list names, and a membership and the model owners name them
      doc.tenant.settings = {
        ...doc.tenant.settings,
        departments: ["기후", "건축과"],
        model_owners: ["기후"],
      };
      doc.members[0].departments = ["건축과", "기후"];
      doc.agenda.sources = doc.agenda.sources.filter(
        (x: { id: string }) => x.id !== "city-department-register",
      );
      const copy = await importTenant(s, doc, { slug: "before-0034" });
      const building = departmentIdFor("건축과");
      assert.deepEqual(copy.settings, { model_owners: ["dept-a"], default_locale: "ko" });
      assert.deepEqual(
        (await s.memberships.list(copy.id)).map((m) => m.departments),
        [[building, "dept-a"]],
      );
      const reg = await s.agenda.registers(copy.id);
      assert.deepEqual(
        reg.departments.map((x) => [x.id, x.name, x.source ?? null]),
        [
          ["dept-a", { ko: "기후", en: "Climate" }, null],
          [building, { ko: "건축과" }, "city-department-register"],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      assert.ok(reg.sources.some((x) => x.id === "city-department-register"));
      // an export written after it is read as it is
      const again = await importTenant(s, JSON.parse(JSON.stringify(await exportTenant(s, "before-0034"))), {
        slug: "after-0034",
      });
      assert.deepEqual(
        (await s.memberships.list(again.id)).map((m) => m.departments),
        [[building, "dept-a"]],
      );
    } finally {
      await d.close();
    }
  });
});
