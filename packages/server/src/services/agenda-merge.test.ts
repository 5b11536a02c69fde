/**
 * An agenda folder loaded into a tenant that already has a department register (decision 0096): the folder's
 * departments merge by id, a department only in the database is kept with everything that names it, and a
 * rename the folder brings is applied and audited.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { asDepartmentId, type TenantId } from "@citypath/core";
import { type Department, DepartmentSchema } from "@citypath/core/agenda/index";
import { consultation } from "@citypath/core/participation/test-fixtures";
import { loadJeonjuAgenda } from "@citypath/data/agenda";
import { listAudit } from "@citypath/db";
import { createTestApp, type TestApp } from "../testing.ts";
import { loadAgendaInto } from "./agenda.ts";

describe("an agenda folder merges into the department register by id", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ demo: false });
  });
  after(() => t.close());

  it("keeps a department only the database has, applies and audits the folder's rename", async () => {
    const folder = loadJeonjuAgenda();
    assert.ok(folder.ok);
    const agenda = folder.value;
    const climate = agenda.departments.find((d) => d.id === "climate-change-response")!;
    assert.ok(climate, "the folder has the climate division");
    // the city's register before the folder: the climate division under an older name, and a division an
    // admin added in the workspace, which the folder does not have
    const older: Department = DepartmentSchema.parse({ ...climate, name: { ko: "기후환경과" } });
    const added: Department = DepartmentSchema.parse({
      id: "climate-finance",
      name: { ko: "기후재정팀", en: "Climate Finance Team" },
      illustrative: true,
      note: "added in the workspace",
    });
    assert.ok(!agenda.departments.some((d) => d.id === added.id));
    const tenant = await t.store.tenants.create({
      slug: "merged",
      name: "병합시",
      nameEn: "Merged City",
      settings: { default_locale: "ko", model_owners: [asDepartmentId("climate-finance")] },
    });
    const id = tenant.id as TenantId;
    await t.store.agenda.putRegisters(id, {
      sources: agenda.sources,
      departments: [older, added],
      categories: [],
    });
    const user = await t.store.users.create({ name: "재정", email: "finance@example.kr" });
    await t.store.memberships.put(id, user.id, "editor", ["climate-finance", "climate-change-response"]);
    await t.store.budget.saveLine(
      id,
      {
        year: 2026,
        code: "120-123-CF01-FIN-001",
        name: { ko: "기후재정 사업" },
        bureau: "기획조정실",
        department: "기후재정팀",
        department_id: "climate-finance",
        account: "general",
        cost_kind: "project",
        amount: { original_krw: 1_000_000 },
        class: "neutral",
        class_reason: "예시",
        illustrative: true,
      },
      0,
    );
    // a consultation the workspace-added team answers
    await t.store.participation.saveConsultation(
      id,
      consultation({ id: "climate-fund", department: "climate-finance" }),
      0,
    );
    // the register and the references above were put straight into the store: no department record yet
    assert.equal((await listAudit(t.store.db, id, { entity: "department" })).length, 0);

    await loadAgendaInto(t.store, id, agenda);

    const reg = await t.store.agenda.registers(id);
    const ids = new Set(reg.departments.map((d) => d.id as string));
    // every department of the folder, and the one only the database had, kept as it was
    assert.equal(reg.departments.length, agenda.departments.length + 1);
    assert.deepEqual(
      reg.departments.find((d) => d.id === "climate-finance"),
      added,
    );
    // the folder's name replaces the older one; the id stays
    assert.deepEqual(reg.departments.find((d) => d.id === climate.id)?.name, climate.name);
    // nothing names a department the register lost
    const refs = [
      ...(await t.store.memberships.list(id)).flatMap((m) => m.departments),
      ...((await t.store.tenants.byId(id))?.settings.model_owners ?? []),
      ...(await t.store.budget.lines(id)).flatMap((l) =>
        l.document.department_id ? [l.document.department_id] : [],
      ),
      ...(await t.store.participation.consultations(id)).map((c) => c.consultation.department as string),
      ...agenda.actions.flatMap((a) => a.departments),
    ];
    assert.equal(
      refs.filter((r) => r === "climate-finance").length,
      4,
      "membership, owners, line, consultation",
    );
    for (const r of refs) assert.ok(ids.has(r), `${r} is in the register`);

    // audited: the rename with before and after, each department the folder added; the kept one not at all
    const records = await listAudit(t.store.db, id, { entity: "department" });
    const of = (dep: string) => records.filter((r) => r.entityId === dep);
    const [renamed] = of(climate.id);
    assert.ok(renamed);
    assert.equal(renamed.action, "update");
    assert.equal(renamed.actorId, null);
    assert.deepEqual((renamed.before as { name: unknown }).name, { ko: "기후환경과" });
    assert.deepEqual((renamed.after as { name: unknown }).name, climate.name);
    assert.equal(of("climate-finance").length, 0);
    assert.equal(records.filter((r) => r.action === "create").length, agenda.departments.length - 1);
  });
});
