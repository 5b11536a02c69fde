/**
 * The consultations on one plan item (an action, a sector, an indicator, a plan or a scenario), for that
 * item's public page: each with its status and closing date, linking to the consultation. Nothing is shown
 * when there are none (or the city has no consultations yet).
 */
import { CONSULTATION_STATUS_LABELS, type SubjectKind } from "@citypath/core/participation/vocabulary";
import { useTranslation } from "react-i18next";
import { localize } from "../api/model.ts";
import { useResource } from "../api/useResource.ts";
import { useSite } from "../app/context.ts";
import { Link } from "../app/Link.tsx";
import { pathFor } from "../app/router.ts";
import { Section } from "../components/Page.tsx";
import { formatInstant } from "../format.ts";
import { participationCalls } from "./api.ts";

export function PlanItemConsultations(props: { slug: string | null; kind: SubjectKind; id: string }) {
  const { t } = useTranslation();
  const { locale } = useSite();
  const res = useResource(props.slug && `consultations:${props.slug}`, (s) =>
    participationCalls().consultations(props.slug as string, s),
  );
  if (res.state !== "ready") return null;
  const mine = res.data.consultations.filter(
    (c) => c.subject.kind === props.kind && c.subject.id === props.id && c.shown_status !== "draft",
  );
  if (mine.length === 0) return null;
  return (
    <Section title={t("action.consultations")} id="consultations">
      <ul data-testid="item-consultations">
        {mine.map((c) => (
          <li key={c.id}>
            <Link href={pathFor(locale, { page: "consultation", consultationId: c.id })}>
              {localize(c.title, locale)}
            </Link>{" "}
            <span className="muted">
              {t("action.consultationState", {
                status: localize(CONSULTATION_STATUS_LABELS[c.shown_status], locale),
                closes: formatInstant(c.closes_at, locale),
              })}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
