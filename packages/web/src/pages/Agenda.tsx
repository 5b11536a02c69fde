import { KR_SECTOR_IDS } from "@citypath/core/vocabulary/sectors";
import { AGENDA_STATUSES } from "@citypath/core/vocabulary/statuses";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useTenantSlug } from "../api/hooks.ts";
import { type ActionSummary, type Localized, localize } from "../api/model.ts";
import { q } from "../api/queries.ts";
import { useResource } from "../api/useResource.ts";
import { useSite } from "../app/context.ts";
import { Link } from "../app/Link.tsx";
import { navigate, pathFor } from "../app/router.ts";
import { PageHeader } from "../components/Page.tsx";
import { SectorName } from "../components/SectorName.tsx";
import { Status } from "../components/Status.tsx";
import { type AgendaFilter, filterFromQuery, filterToQuery, keyOf, matches } from "../data/agenda.ts";
import { formatPercent } from "../format.ts";
import { PlanItemConsultations } from "../participation/PlanItemConsultations.tsx";

function options(list: ActionSummary[], pick: (a: ActionSummary) => Localized | undefined) {
  const m = new Map<string, Localized>();
  for (const a of list) {
    const v = pick(a);
    if (v !== undefined && keyOf(v)) m.set(keyOf(v), v);
  }
  return [...m.entries()];
}

export default function Agenda() {
  const { t } = useTranslation();
  const { locale, query } = useSite();
  const slug = useTenantSlug();
  const actions = useResource(slug && `actions:${slug}`, (s) => q.actions(slug as string, s));
  const filter = filterFromQuery(query);
  const set = (patch: Partial<AgendaFilter>) =>
    navigate(pathFor(locale, { page: "agenda" }) + filterToQuery({ ...filter, ...patch }), { replace: true });
  const list = actions.state === "ready" ? actions.data : [];
  const shown = useMemo(() => list.filter((a) => matches(a, filter)), [list, filter]);

  return (
    <>
      <PageHeader title={t("agenda.title")} lead={t("agenda.lead")} />
      {actions.state !== "ready" ? (
        <Status
          kind={actions.state}
          {...(actions.state === "error" ? { error: actions.error } : {})}
          message={t("agenda.notPublished")}
        />
      ) : (
        <>
          <search className="filters" aria-label={t("agenda.filters")}>
            <div className="field field--wide">
              <label htmlFor="agenda-q">{t("agenda.search")}</label>
              <input
                id="agenda-q"
                type="search"
                value={filter.q}
                placeholder={t("agenda.searchHint")}
                onChange={(e) => set({ q: e.currentTarget.value })}
              />
            </div>
            <div className="field">
              <label htmlFor="agenda-status">{t("agenda.status")}</label>
              <select
                id="agenda-status"
                value={filter.status}
                onChange={(e) => set({ status: e.currentTarget.value })}
              >
                <option value="">{t("agenda.all")}</option>
                {AGENDA_STATUSES.filter((s) => list.some((a) => a.status === s)).map((s) => (
                  <option key={s} value={s}>
                    {t(`status.action.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            {list.some((a) => a.sector !== null) && (
              <div className="field">
                <label htmlFor="agenda-sector">{t("common.sector")}</label>
                <select
                  id="agenda-sector"
                  value={filter.sector}
                  onChange={(e) => set({ sector: e.currentTarget.value })}
                >
                  <option value="">{t("agenda.all")}</option>
                  {KR_SECTOR_IDS.map((s) => (
                    <option key={s} value={s}>
                      {t(`sector.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
            )}
            {options(list, (a) => a.policyArea).length > 0 && (
              <div className="field">
                <label htmlFor="agenda-area">{t("agenda.policyArea")}</label>
                <select
                  id="agenda-area"
                  value={filter.policyArea}
                  onChange={(e) => set({ policyArea: e.currentTarget.value })}
                >
                  <option value="">{t("agenda.all")}</option>
                  {options(list, (a) => a.policyArea).map(([k, v]) => (
                    <option key={k} value={k}>
                      {localize(v, locale)}
                    </option>
                  ))}
                </select>
              </div>
            )}
            {options(list, (a) => a.department).length > 0 && (
              <div className="field">
                <label htmlFor="agenda-dept">{t("agenda.department")}</label>
                <select
                  id="agenda-dept"
                  value={filter.department}
                  onChange={(e) => set({ department: e.currentTarget.value })}
                >
                  <option value="">{t("agenda.all")}</option>
                  {options(list, (a) => a.department).map(([k, v]) => (
                    <option key={k} value={k}>
                      {localize(v, locale)}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </search>
          <PlanItemConsultations
            slug={slug}
            on={(x) =>
              x.kind === "plan" || (x.kind === "sector" && (!filter.sector || x.id === filter.sector))
            }
            title={t("action.planConsultations")}
            sectionId="plan-consultations"
          />
          {list.some((a) => a.origin === "model") && <p className="notice">{t("agenda.fromModel")}</p>}
          <p role="status" className="muted">
            {t("agenda.count", { shown: shown.length, total: list.length })}
          </p>
          <ul className="cards">
            {shown.map((a) => (
              <li key={a.id} className="card">
                <h2 className="card__title">
                  <Link href={pathFor(locale, { page: "action", actionId: a.id })}>
                    {localize(a.name, locale)}
                  </Link>
                </h2>
                <p className="card__meta">
                  {a.status && (
                    <span className={`pill pill--${a.status}`}>{t(`status.action.${a.status}`)}</span>
                  )}
                  {a.sector && <SectorName sector={a.sector} />}
                  {a.department && <span>{localize(a.department, locale)}</span>}
                  {a.completion !== undefined && (
                    <span>
                      {t("agenda.completion", {
                        pct: formatPercent(a.completion, locale, 0).replace("+", ""),
                      })}
                    </span>
                  )}
                </p>
                {a.policyArea && <p className="muted">{localize(a.policyArea, locale)}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
