/**
 * The consultations on plan items (an action, a sector, an indicator, a plan or a scenario), for the public
 * pages that show those items: each with its status and closing date (and, when several kinds of item are
 * listed, which item it is on), linking to the consultation. Nothing is shown when there are none (or the
 * city has no consultations yet).
 */
import { CONSULTATION_STATUS_LABELS, type SubjectKind } from "@citypath/core/participation/vocabulary";
import { useTranslation } from "react-i18next";
import { useTenantSlug } from "../api/hooks.ts";
import { localize } from "../api/model.ts";
import { useResource } from "../api/useResource.ts";
import { useSite } from "../app/context.ts";
import { Link } from "../app/Link.tsx";
import { pathFor } from "../app/router.ts";
import { Section } from "../components/Page.tsx";
import { formatInstant } from "../format.ts";
import { participationCalls } from "./api.ts";

type Subject = { readonly kind: SubjectKind; readonly id: string };

export function PlanItemConsultations(
  props: (
    | { kind: SubjectKind; id: string }
    | {
        /** Which subjects to list; each item then says what it is on. */
        on: (s: Subject) => boolean;
      }
  ) & {
    slug?: string | null;
    /** The section's heading (default: this action's consultations) and id (default "consultations"). */
    title?: string;
    sectionId?: string;
  },
) {
  const { t } = useTranslation();
  const { locale } = useSite();
  const tenant = useTenantSlug();
  const slug = props.slug ?? tenant;
  const res = useResource(slug && `consultations:${slug}`, (s) =>
    participationCalls().consultations(slug as string, s),
  );
  if (res.state !== "ready") return null;
  const on = "on" in props ? props.on : (s: Subject) => s.kind === props.kind && s.id === props.id;
  const mine = res.data.consultations.filter((c) => on(c.subject) && c.shown_status !== "draft");
  if (mine.length === 0) return null;
  const subjectName = (s: Subject) =>
    s.kind === "sector"
      ? t(`sector.${s.id}`, { defaultValue: s.id })
      : s.kind === "plan"
        ? t("action.wholePlan")
        : s.id;
  return (
    <Section title={props.title ?? t("action.consultations")} id={props.sectionId ?? "consultations"}>
      <ul data-testid="item-consultations">
        {mine.map((c) => (
          <li key={c.id}>
            <Link href={pathFor(locale, { page: "consultation", consultationId: c.id })}>
              {localize(c.title, locale)}
            </Link>{" "}
            <span className="muted">
              {"on" in props ? `${subjectName(c.subject)} · ` : ""}
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
