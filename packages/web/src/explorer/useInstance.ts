import type { ApiResult } from "../api/client.ts";
import { useTenantSlug } from "../api/hooks.ts";
import { q } from "../api/queries.ts";
import { type Resource, useResource } from "../api/useResource.ts";
import type { AnalysisSpec } from "./useAnalysisWorker.ts";

export interface InstanceBundle {
  /** The instance's id (a proposal names it with its scenario). */
  instanceId: string;
  /** The instance document as the API sends it (the workers compile it). */
  document: unknown;
  /** The analysis settings (GET .../analysis); null members where the city has none; an error is shown. */
  analysis: ApiResult<AnalysisSpec>;
}

/** The city's model instance (the first the API lists) and its analysis settings. */
export function useInstanceDocument(): Resource<InstanceBundle> {
  const slug = useTenantSlug();
  return useResource(slug && `instance-doc:${slug}`, async (s) => {
    const list = await q.instances(slug as string, s);
    if (!list.ok) return list;
    const first = list.data[0];
    if (!first)
      return { ok: false as const, error: { status: 404, code: "not_found", message: "no instance" } };
    const [doc, analysis] = await Promise.all([
      q.instance(slug as string, first.id, s),
      q.analysis(slug as string, first.id, s),
    ]);
    if (!doc.ok) return doc;
    return {
      ok: true as const,
      data: {
        instanceId: first.id,
        document: doc.data,
        analysis,
      },
    };
  });
}
