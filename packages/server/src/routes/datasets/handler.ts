import type { OpenAPIHono } from "@hono/zod-openapi";
import { seesDrafts } from "../../access.ts";
import type { AppEnv } from "../../env.ts";
import { instanceInfo } from "../../services/instances.ts";
import { cachedJson } from "../common.ts";
import { listDatasetsRoute } from "./schema.ts";

interface Dataset {
  id: string;
  kind: "inventory" | "pathway" | "factor-set" | "participation";
  title: { ko: string; en: string };
  licence: string | null;
  csv: string;
  xlsx: string;
  json?: string;
}

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(listDatasetsRoute, async (c) => {
    const t = c.get("tenant");
    const { store, services } = c.get("deps");
    const drafts = seesDrafts(c.get("caller"), t.id);
    const key = `datasets:${t.id}:${store.generation(t.id)}:${drafts}`;
    return cachedJson(c, key, async () => {
      const settings = (t.settings ?? {}) as Record<string, unknown>;
      const licence = typeof settings.open_data_licence === "string" ? settings.open_data_licence : null;
      const base = `/api/tenants/${encodeURIComponent(t.slug)}/exports`;
      const files = (path: string) => ({
        csv: `${base}/${path}?format=csv`,
        xlsx: `${base}/${path}?format=xlsx`,
      });
      const datasets: Dataset[] = [];
      const inv = await store.inventories.latest(t.id, drafts ? {} : { status: "published" });
      if (inv) {
        datasets.push({
          id: `inventory-v${inv.version}`,
          kind: "inventory",
          title: {
            ko: `온실가스 인벤토리 ${inv.version}판 (${inv.firstYear}–${inv.lastYear}, GPC 부문별)`,
            en: `Greenhouse-gas inventory, version ${inv.version} (${inv.firstYear}–${inv.lastYear}, by GPC line)`,
          },
          licence,
          ...files(`inventory/${inv.version}`),
        });
      }
      if (services.engine) {
        for (const header of await store.instances.list(t.id)) {
          const inst = await store.instances.get(t.id, header.id);
          if (!inst) continue;
          const info = await instanceInfo(services.engine, inst, services.compute);
          const scenarios = [
            { id: "bau", name: { ko: "기준 전망 (BAU)", en: "Business as usual" } },
            ...info.scenarios.filter((s) => s.id !== "bau"),
          ];
          for (const s of scenarios) {
            datasets.push({
              id: `pathway-${inst.id}-${s.id}`,
              kind: "pathway",
              title: { ko: `배출 경로: ${s.name.ko}`, en: `Emissions pathway: ${s.name.en}` },
              licence,
              ...files(`pathway/${encodeURIComponent(inst.id)}/${encodeURIComponent(s.id)}`),
            });
          }
        }
      }
      for (const fs of await store.factorSets.list(t.id)) {
        datasets.push({
          id: `factor-set-${fs.id}`,
          kind: "factor-set",
          title: { ko: `배출계수: ${fs.name}`, en: `Emission factors: ${fs.name}` },
          licence,
          ...files(`factor-set/${encodeURIComponent(fs.id)}`),
        });
      }
      const consultations = await store.participation.consultations(t.id);
      if (consultations.some((r) => r.consultation.status !== "draft"))
        datasets.push({
          id: "participation",
          kind: "participation",
          title: {
            ko: "시민 참여: 의견수렴의 의견·제안과 공식 답변 (익명 처리)",
            en: "Participation: contributions to consultations and official answers (anonymised)",
          },
          licence,
          ...files("participation"),
          json: `${base}/participation?format=json`,
        });
      return { tenant: t.slug, datasets };
    });
  });
}
