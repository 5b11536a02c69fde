/**
 * A proposal's modelled effect, computed by the server (the core's `proposalEffect` in the compute pool):
 * emissions in 2030 and 2050 on the first target's basis, as planned and as proposed; the gap to each
 * target; the life-cycle cost of both; the action levels changed; and whether a newer model version exists
 * than the one the proposal's figures come from. Loaded when the reader opens it.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { localize } from "../api/model.ts";
import { useSite } from "../app/context.ts";
import { Status } from "../components/Status.tsx";
import { formatKrw, formatKt, formatNumber, formatShare, formatTonnes, formatYear } from "../format.ts";
import { apiErrorOf, unwrap } from "../workspace/staff.ts";
import { type ProposalEffect, participationCalls, ptKeys } from "./api.ts";

export function EffectView(props: { slug: string; contribution: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ptKeys.effect(props.slug, props.contribution),
    queryFn: ({ signal }) => unwrap(participationCalls().effect(props.slug, props.contribution, signal)),
    staleTime: 60_000,
  });
  if (q.isPending)
    return (
      <p className="status status--loading" role="status">
        {t("pt.effect.loading")}
      </p>
    );
  if (q.isError) return <Status kind="error" error={apiErrorOf(q.error)} />;
  return <EffectTables data={q.data} />;
}

const kt = (v: number | null, locale: "ko" | "en", unknown: string) =>
  v === null ? unknown : formatKt(v, locale);

export function EffectTables(props: { data: ProposalEffect }) {
  const { t } = useTranslation();
  const { locale } = useSite();
  const { effect, instance, newer_model } = props.data;
  const unknown = t("pt.effect.unknown");
  const krw = (v: number | null) => (v === null ? unknown : formatKrw(v, locale));
  return (
    <div className="pt-effect" data-testid="proposal-effect">
      <h4>{t("pt.effect.title", { basis: effect.basis })}</h4>
      <p className={newer_model ? "ws-notice ws-notice--warn" : "muted"} data-testid="effect-version">
        {newer_model
          ? t("pt.effect.newer", { version: instance.version, latest: instance.latest_version })
          : t("pt.effect.current", { instance: instance.id, version: instance.version })}
      </p>
      <div className="table-wrap">
        <table className="table">
          <caption>{t("pt.effect.caption", { scenario: effect.scenario })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("pt.effect.year")}</th>
              <th scope="col">{t("pt.effect.plan")}</th>
              <th scope="col">{t("pt.effect.proposal")}</th>
              <th scope="col">{t("pt.effect.difference")}</th>
            </tr>
          </thead>
          <tbody>
            {effect.years.map((y) => (
              <tr key={y.year}>
                <th scope="row">{formatYear(y.year, locale)}</th>
                <td className="num">{formatKt(y.plan_tco2e, locale)}</td>
                <td className="num">{formatKt(y.proposal_tco2e, locale)}</td>
                <td className="num">{formatTonnes(y.difference_tco2e, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {effect.targets.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption>{t("pt.effect.targets")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("pt.effect.target")}</th>
                <th scope="col">{t("pt.effect.year")}</th>
                <th scope="col">{t("pt.effect.gapPlan")}</th>
                <th scope="col">{t("pt.effect.gapProposal")}</th>
              </tr>
            </thead>
            <tbody>
              {effect.targets.map((g) => (
                <tr key={`${g.id}-${g.year}`}>
                  <th scope="row">{localize(g.name, locale)}</th>
                  <td>{formatYear(g.year, locale)}</td>
                  <td className="num">{kt(g.plan_gap_tco2e, locale, unknown)}</td>
                  <td className="num">{kt(g.proposal_gap_tco2e, locale, unknown)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        {t("pt.effect.cost", {
          year: effect.cost.price_year,
          rate: formatShare(effect.cost.discount_rate, locale, 1),
          source: effect.cost.discount_rate_source,
        })}
      </p>
      <ul data-testid="effect-cost">
        <li>{t("pt.effect.costPlan", { value: krw(effect.cost.plan_krw) })}</li>
        <li>{t("pt.effect.costProposal", { value: krw(effect.cost.proposal_krw) })}</li>
        <li>{t("pt.effect.costDifference", { value: krw(effect.cost.difference_krw) })}</li>
      </ul>
      {effect.cost.unknown.length > 0 && (
        <p className="muted">
          {t("pt.effect.costUnknown", { actions: effect.cost.unknown.map((u) => u.action).join(", ") })}
        </p>
      )}
      {effect.changes.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption>{t("pt.effect.changes")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("pt.effect.action")}</th>
                <th scope="col">{t("pt.effect.planLevel")}</th>
                <th scope="col">{t("pt.effect.proposedLevel")}</th>
              </tr>
            </thead>
            <tbody>
              {effect.changes.map((c) => (
                <tr key={c.action}>
                  <th scope="row">{c.action}</th>
                  <td className="num">{formatNumber(c.plan_level, locale, 2)}</td>
                  <td className="num">{formatNumber(c.proposed_level, locale, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
