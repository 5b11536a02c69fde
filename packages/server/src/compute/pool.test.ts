import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { modelledInline } from "../services/agenda.ts";
import { demoAnalysis } from "../services/analysis.ts";
import { scenarioBand } from "../services/band.ts";
import { modelledReductions, reductionsInline } from "../services/budget.ts";
import { corePathwayEngine, jeonjuDemoInstance } from "../services/engine.ts";
import { createTestApp, type TestApp } from "../testing.ts";
import { type ComputePool, createComputePool, ServerBusyError } from "./pool.ts";

describe("compute pool", () => {
  let pool: ComputePool;
  let t: TestApp;
  /** The budget's reductions asked of the pool (the server's statements must ask it, not compute inline). */
  const reductionTasks: unknown[] = [];
  /** The instance documents whose scenarios were asked of the pool (validated there, not on the loop). */
  const infoTasks: unknown[] = [];
  before(async () => {
    const threads = createComputePool({ threads: 1, maxQueue: 1, retryAfterS: 3 });
    pool = {
      ...threads,
      reductions: (task) => {
        reductionTasks.push(task);
        return threads.reductions(task);
      },
      instanceInfo: (task) => {
        infoTasks.push(task.document);
        return threads.instanceInfo(task);
      },
    };
    t = await createTestApp({ compute: pool, engine: corePathwayEngine(), demoInstance: jeonjuDemoInstance });
  });
  after(async () => {
    await t.close();
    await pool.close();
  });

  it("computes in a thread what the core computes inline: a band and a pathway", async () => {
    const inst = (await t.store.instances.get((await t.store.tenants.bySlug("jeonju"))!.id, "jeonju"))!;
    const spec = demoAnalysis()(inst.id).uncertainty!;
    const task = { document: inst.document, scenario: "agenda_2021", spec, samples: 200, seed: 3 };
    assert.deepEqual(await pool.band(task), scenarioBand(inst.document, "agenda_2021", spec, 200, 3));
    const res = await t.app.request("/api/tenants/jeonju/instances/jeonju/scenarios/agenda_2021/pathway");
    assert.equal(res.status, 200);
    const body = (await res.json()) as { years?: unknown };
    assert.ok(body && typeof body === "object");
  });

  it("what it takes and the decomposition: the thread's answer is the engine's, its problems a 400", async () => {
    const inst = (await t.store.instances.get((await t.store.tenants.bySlug("jeonju"))!.id, "jeonju"))!;
    const e = corePathwayEngine();
    const base = "/api/tenants/jeonju/instances/jeonju/scenarios/city_levers";
    const w = await t.app.request(`${base}/what-it-takes?drivers=national_policy&years=2030,2035`);
    assert.equal(w.status, 200);
    const inline = e.whatItTakes(inst.document, "city_levers", "national_policy", undefined, [2030, 2035]);
    assert.ok(inline.ok);
    assert.deepEqual(await w.json(), JSON.parse(JSON.stringify(inline.value)));
    const d = await t.app.request(`${base}/decomposition?from=2018&to=2030`);
    assert.equal(d.status, 200);
    const dInline = e.decompose(inst.document, "city_levers", 2018, 2030);
    assert.ok(dInline.ok);
    assert.deepEqual(await d.json(), JSON.parse(JSON.stringify(dInline.value)));
    const late = await t.app.request(`${base}/what-it-takes?years=2070`);
    assert.equal(late.status, 400);
    assert.equal(((await late.json()) as { error: { code: string } }).error.code, "BAD_VALUE");
  });

  it("modelled against observed of a linked action: the thread's answer is the one computed inline", async () => {
    const jeonju = (await t.store.tenants.bySlug("jeonju"))!.id;
    const inst = (await t.store.instances.get(jeonju, "jeonju"))!;
    const action = (await t.store.agenda.get(jeonju, "action", "brt"))!.document;
    const indicators = (await t.store.agenda.list(jeonju, "indicator"))
      .filter((i) => action.indicators.some((id) => id === i.id))
      .map((i) => i.document);
    const task = {
      key: `test:${inst.documentHash}`,
      document: inst.document,
      action,
      indicators,
      asOfYear: 2026,
    };
    const inline = modelledInline(task);
    assert.ok(inline.ok);
    assert.ok(inline.value.years.length > 0);
    assert.deepEqual(await pool.modelled(task), JSON.parse(JSON.stringify(inline.value)));
    // and the action's answer, through the pool, carries it
    const res = await t.app.request("/api/tenants/jeonju/actions/brt");
    assert.equal(res.status, 200);
    const body = (await res.json()) as {
      modelled: { years: unknown[] } | null;
      modelled_problems: unknown[];
    };
    assert.deepEqual(body.modelled_problems, []);
    assert.ok(body.modelled && body.modelled.years.length > 0);
  });

  it("the budget's modelled reductions: computed in the thread, the same as inline, and what the statement shows", async () => {
    const jeonju = (await t.store.tenants.bySlug("jeonju"))!.id;
    const lines = (await t.store.budget.lines(jeonju, 2024)).map((r) => r.document);
    const inline = await modelledReductions(t.store, jeonju, lines, 2024);
    assert.ok(inline.reductions.size > 0);
    const before = reductionTasks.length;
    const pooled = await modelledReductions(t.store, jeonju, lines, 2024, pool);
    assert.equal(reductionTasks.length, before + 1);
    assert.deepEqual(pooled, inline);
    // the statement's answer asks the pool and carries its figures
    const res = await t.app.request("/api/tenants/jeonju/budget/2024/statement?kind=budget");
    assert.equal(res.status, 200);
    assert.equal(reductionTasks.length, before + 2);
    const task = reductionTasks.at(-1) as Parameters<typeof reductionsInline>[0];
    assert.deepEqual(reductionsInline(task), [...inline.reductions.entries()]);
    const body = (await res.json()) as { overview: { label: string; text: string }[] };
    assert.ok(
      body.overview.some((o) => o.text === inline.source),
      "the statement names the model's instance",
    );
  });

  it("an instance's scenarios: validated in the thread once per version, the engine's answer", async () => {
    const inst = (await t.store.instances.get((await t.store.tenants.bySlug("jeonju"))!.id, "jeonju"))!;
    const list = async () => {
      const res = await t.app.request("/api/tenants/jeonju/instances/jeonju/scenarios");
      assert.equal(res.status, 200);
      return ((await res.json()) as { scenarios: { id: string }[] }).scenarios.map((s) => s.id);
    };
    const [first, second] = await Promise.all([list(), list()]);
    assert.deepEqual(infoTasks, [inst.document], "asked of the pool once, for the stored document");
    const inline = corePathwayEngine().validate(inst.document);
    assert.ok(inline.ok);
    const expected = ["bau", ...inline.value.scenarios.map((s) => s.id).filter((id) => id !== "bau")];
    assert.deepEqual(first, expected);
    assert.deepEqual(second, expected);
    assert.deepEqual(await list(), expected);
    assert.equal(infoTasks.length, 1, "kept for the instance version");
  });

  it("a task's problems come back as the same catalogue error", async () => {
    const res = await t.app.request("/api/tenants/jeonju/instances/jeonju/scenarios/nope/pathway");
    assert.equal(res.status, 404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, "NOT_FOUND");
    assert.match(body.error.message, /no scenario "nope"/);
  });

  it("refuses work beyond its queue at once: 503 with Retry-After, and recovers", async () => {
    const busy = [pool.sleep(400), pool.sleep(400)]; // one running, one waiting: the queue (1) is full
    await new Promise((r) => setTimeout(r, 50));
    await assert.rejects(pool.sleep(1), ServerBusyError);
    const res = await t.app.request(
      "/api/tenants/jeonju/instances/jeonju/scenarios/agenda_2021/band?samples=1000&seed=9",
    );
    assert.equal(res.status, 503);
    assert.equal(res.headers.get("retry-after"), "3");
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, "BUSY");
    // what it takes and the decomposition are computed in the pool too: refused alike while it is full
    for (const path of ["what-it-takes?years=2031", "decomposition?from=2018&to=2031"]) {
      const r = await t.app.request(`/api/tenants/jeonju/instances/jeonju/scenarios/agenda_2021/${path}`);
      assert.equal(r.status, 503, path);
    }
    await Promise.all(busy);
    const again = await t.app.request(
      "/api/tenants/jeonju/instances/jeonju/scenarios/agenda_2021/band?samples=200&seed=9",
    );
    assert.equal(again.status, 200);
  });

  it("the public may ask for a fixed set of sample sizes and seeds only", async () => {
    for (const q of ["samples=300", "samples=10000", "seed=11", "seed=0", "seed=123456"]) {
      const res = await t.app.request(`/api/tenants/jeonju/instances/jeonju/scenarios/agenda_2021/band?${q}`);
      assert.equal(res.status, 400, q);
    }
  });
});
