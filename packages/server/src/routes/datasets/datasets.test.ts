import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { corePathwayEngine, jeonjuDemoInstance } from "../../services/engine.ts";
import { createTestApp, type TestApp } from "../../testing.ts";

describe("open data", () => {
  let anon: TestApp;
  before(async () => {
    anon = await createTestApp({ engine: corePathwayEngine(), demoInstance: jeonjuDemoInstance });
  });
  after(() => anon.close());

  it("lists the published inventory and every scenario's pathway with the city's licence", async () => {
    const res = await anon.app.request("/api/tenants/jeonju/datasets");
    assert.equal(res.status, 200);
    const body = (await res.json()) as {
      datasets: { id: string; kind: string; licence: string | null; csv: string; xlsx: string }[];
    };
    const kinds = new Set(body.datasets.map((d) => d.kind));
    assert.ok(kinds.has("inventory"));
    assert.ok(kinds.has("pathway"));
    assert.ok(body.datasets.some((d) => d.id === "pathway-jeonju-bau"));
    for (const d of body.datasets) assert.match(d.licence ?? "", /KOGL Type 1/);
  });

  it("every listed file downloads, as CSV and as XLSX", async () => {
    const body = (await (await anon.app.request("/api/tenants/jeonju/datasets")).json()) as {
      datasets: { id: string; csv: string; xlsx: string }[];
    };
    for (const d of body.datasets.slice(0, 3)) {
      const csv = await anon.app.request(d.csv);
      assert.equal(csv.status, 200, `${d.id} csv`);
      assert.match(csv.headers.get("content-type") ?? "", /text\/csv/);
      const text = await csv.text();
      assert.ok(text.split("\n").length > 2, `${d.id} has rows`);
      const xlsx = await anon.app.request(d.xlsx);
      assert.equal(xlsx.status, 200, `${d.id} xlsx`);
      const bytes = new Uint8Array(await xlsx.arrayBuffer());
      // an XLSX file is a zip archive: it starts with "PK"
      assert.deepEqual([...bytes.slice(0, 2)], [0x50, 0x4b]);
    }
  });

  it("an unknown city is 404", async () => {
    assert.equal((await anon.app.request("/api/tenants/nowhere/datasets")).status, 404);
  });
});
