/** A consultation for tests: valid by construction, overridable field by field. */
import { type Consultation, ConsultationSchema } from "./schema.ts";

export function consultation(
  over: Partial<Record<keyof Consultation, unknown>> & { id: string },
): Consultation {
  return ConsultationSchema.parse({
    title: { ko: `의견수렴 ${over.id}`, en: `Consultation ${over.id}` },
    description: { ko: "의견을 받습니다", en: "Comments" },
    subject: { kind: "action", id: "brt" },
    audience: "all",
    status: "open",
    opens_at: "2026-03-01T00:00:00+09:00",
    closes_at: "2026-04-30T00:00:00+09:00",
    department: "public-transport-bureau",
    ...over,
  });
}
