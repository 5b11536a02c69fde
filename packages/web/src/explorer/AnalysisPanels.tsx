/**
 * The explorer's analysis sections: the uncertainty band's numbers and the probability of meeting each
 * target, the marginal abatement cost curve, and the least-cost portfolio. They read what the analysis
 * worker answered (explorer/analysis.ts); nothing here computes a figure.
 */

import type { MacCurve } from "@citypath/core/actions/costs";
import type { PortfolioMode } from "@citypath/core/optimize/by-year";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { localize } from "../api/model.ts";
import { useSite } from "../app/context.ts";
import { ChartFigure, DataTable } from "../charts/ChartFigure.tsx";
import { macOption } from "../charts/options.ts";
import { Section } from "../components/Page.tsx";
import { formatKrw, formatKt, formatNumber, formatPercent, formatShare, formatYear } from "../format.ts";
import type { BandFrame, ExplorerPortfolio, PortfolioAnswer } from "./analysis.ts";

type T = (k: string, o?: Record<string, unknown>) => string;

export interface BandState {
  band: BandFrame | null;
  firstMs: number | null;
  error: string | null;
}

const pct = (p: number, locale: "ko" | "en") => formatShare(p, locale, p > 0 && p < 0.01 ? 1 : 0);

export function UncertaintyPanel(props: {
  state: BandState;
  years: number[];
  available: boolean;
  illustrative: boolean;
  total: number;
  /** The uncertain inputs' names, as the spec gives them. */
  inputs: Array<{ ko: string; en: string }>;
}) {
  const { t } = useTranslation();
  const { locale } = useSite();
  const b = props.state.band;
  if (!props.available)
    return (
      <Section title={t("explorer.uncertaintyTitle")} id="uncertainty">
        <p className="muted">{t("explorer.noUncertainty")}</p>
      </Section>
    );
  const yi = (y: number) => props.years.indexOf(y);
  const shown = props.years.filter((y, i) => i === 0 || y % 5 === 0 || i === props.years.length - 1);
  const summaryYear = props.years.includes(2030) ? 2030 : (props.years[props.years.length - 1] ?? 0);
  return (
    <Section title={t("explorer.uncertaintyTitle")} id="uncertainty">
      <p className="muted">
        {t("explorer.uncertaintyLead", {
          total: formatNumber(props.total, locale),
          n: formatNumber(props.inputs.length, locale),
          names: props.inputs.map((x) => localize(x, locale)).join(", "),
        })}
      </p>
      {props.illustrative && <p className="muted">{t("explorer.illustrative")}</p>}
      {props.state.error && (
        <p className="status status--error" role="status">
          {props.state.error}
        </p>
      )}
      {!b && !props.state.error && (
        <p className="status status--loading" role="status">
          {t("explorer.bandWaiting")}
        </p>
      )}
      {b && (
        <div data-testid="band-result" data-samples={b.samples} aria-busy={b.samples < b.totalSamples}>
          <p className="muted" data-testid="band-progress">
            {t("explorer.bandProgress", {
              n: formatNumber(b.samples, locale),
              total: formatNumber(b.totalSamples, locale),
            })}
            {props.state.firstMs !== null &&
              ` · ${t("explorer.bandFirst", { ms: formatNumber(props.state.firstMs, locale) })}`}
          </p>
          <p>
            {t("explorer.bandSummary", {
              year: formatYear(summaryYear, locale),
              low: formatKt(b.p5[yi(summaryYear)] ?? Number.NaN, locale),
              high: formatKt(b.p95[yi(summaryYear)] ?? Number.NaN, locale),
              mid: formatKt(b.p50[yi(summaryYear)] ?? Number.NaN, locale),
            })}
          </p>
          <h3>{t("explorer.probTitle")}</h3>
          <ul className="probabilities" data-testid="probabilities">
            {b.targets.map((x) => (
              <li key={x.id}>
                {t("explorer.probSummary", {
                  target: localize(x.name, locale),
                  year: formatYear(x.year, locale),
                  p: pct(x.probability, locale),
                })}
              </li>
            ))}
          </ul>
          <details className="figure__table">
            <summary>{t("chart.showTable")}</summary>
            <DataTable
              caption={t("explorer.probTitle")}
              columns={[
                t("explorer.target"),
                t("explorer.year"),
                t("explorer.limit"),
                t("explorer.probability"),
                t("explorer.shortfall"),
              ]}
              rows={b.targets.map((x) => [
                localize(x.name, locale),
                formatYear(x.year, locale),
                formatKt(x.limit, locale),
                pct(x.probability, locale),
                formatKt(x.expectedShortfall, locale),
              ])}
            />
            <DataTable
              caption={t("explorer.bandTable")}
              columns={[t("common.year"), t("explorer.p5"), t("explorer.p50"), t("explorer.p95")]}
              rows={shown.map((y) => [
                formatYear(y, locale),
                formatKt(b.p5[yi(y)] ?? Number.NaN, locale),
                formatKt(b.p50[yi(y)] ?? Number.NaN, locale),
                formatKt(b.p95[yi(y)] ?? Number.NaN, locale),
              ])}
            />
          </details>
        </div>
      )}
    </Section>
  );
}

export interface MacState {
  curve: MacCurve;
  /** Every action's name (the excluded ones carry only their id). */
  names: Record<string, { ko: string; en: string }>;
  year: number;
  discountRate: number;
  discountYear: number;
}

/** The axis is cut at four times the median bar when the dearest bar is higher still. */
function macAxisMax(curve: MacCurve): number | undefined {
  const hs = curve.bars.map((b) => b.krw_per_tco2e).sort((a, b) => a - b);
  if (hs.length < 3) return undefined;
  const median = hs[Math.floor(hs.length / 2)] ?? 0;
  const top = hs[hs.length - 1] ?? 0;
  if (median <= 0 || top <= 4 * median) return undefined;
  // A round number (1, 2 or 5 × 10^k) at or above 4 × the median.
  const want = 4 * median;
  const p = 10 ** Math.floor(Math.log10(want));
  return [1, 2, 5, 10].map((k) => k * p).find((v) => v >= want) ?? want;
}

export function MacPanel(props: { state: MacState | null; available: boolean }) {
  const { t } = useTranslation();
  const { locale } = useSite();
  const s = props.state;
  const figure = useMemo(() => {
    if (!s) return null;
    const name = (id: string, fallback: { ko: string; en: string }) => localize(fallback, locale) || id;
    const bars = s.curve.bars;
    const log = bars.length > 0 && bars.every((b) => b.krw_per_tco2e > 0);
    const yMax = log ? undefined : macAxisMax(s.curve);
    const option = macOption(
      bars.map((b) => ({ label: name(b.id, b.label), krwPerT: b.krw_per_tco2e, x0: b.x0, x1: b.x1 })),
      locale,
      { x: t("explorer.macX", { year: formatYear(s.year, locale) }), y: t("explorer.macY") },
      log ? { log: true } : { log: false, ...(yMax !== undefined ? { yMax } : {}) },
    );
    const perT = (v: number) => t("explorer.perTonne", { cost: formatKrw(v, locale) });
    const first = bars[0];
    const last = bars[bars.length - 1];
    const clipped = yMax === undefined ? [] : bars.filter((b) => b.krw_per_tco2e > yMax);
    const excluded = s.curve.excluded;
    const summary = (
      <>
        {first && last && (
          <p>
            {t("explorer.macSummary", {
              n: formatNumber(bars.length, locale),
              year: formatYear(s.year, locale),
              total: formatKt(s.curve.total_tco2e, locale),
              cheapest: name(first.id, first.label),
              cheapCost: perT(first.krw_per_tco2e),
              dearest: name(last.id, last.label),
              dearCost: perT(last.krw_per_tco2e),
            })}
          </p>
        )}
        {log && <p className="muted">{t("explorer.macLog")}</p>}
        {yMax !== undefined && clipped.length > 0 && (
          <p className="muted">
            {t("explorer.macClipped", {
              max: perT(yMax),
              names: clipped.map((b) => name(b.id, b.label)).join(", "),
            })}
          </p>
        )}
        {excluded.length > 0 && (
          <p className="muted">
            {t("explorer.macExcluded", {
              names: excluded.map((e) => (s.names[e.id] ? localize(s.names[e.id], locale) : e.id)).join(", "),
            })}
          </p>
        )}
      </>
    );
    return (
      <ChartFigure
        title={t("explorer.macTitle", { year: formatYear(s.year, locale) })}
        summary={summary}
        option={option}
        height={380}
        testId="explorer-mac"
        headingLevel={3}
        legend={false}
        table={{
          caption: t("explorer.macTable"),
          columns: [
            t("explorer.action"),
            t("explorer.costPerT"),
            t("explorer.abatement", { year: formatYear(s.year, locale) }),
          ],
          rows: bars.map((b) => [
            name(b.id, b.label),
            perT(b.krw_per_tco2e),
            formatKt(b.width_tco2e, locale),
          ]),
        }}
      />
    );
  }, [s, locale, t]);
  return (
    <Section title={t("explorer.costsTitle")} id="mac">
      {!props.available && <p className="muted">{t("explorer.noMac")}</p>}
      {props.available && !s && (
        <p className="status status--loading" role="status">
          {t("status.loading")}
        </p>
      )}
      {s && (
        <p className="muted">
          {t("explorer.macLead", {
            year: formatYear(s.year, locale),
            from: formatYear(s.discountYear, locale),
            rate: formatPercent(s.discountRate, locale).replace("+", ""),
          })}
        </p>
      )}
      {figure}
    </Section>
  );
}

export interface PortfolioTargetChoice {
  target: string;
  name: { ko: string; en: string };
  years: number[];
}

/** One portfolio of the answer: its status and cost, the shortfall by sector, what binds, every target. */
function PortfolioBlock(props: { answer: PortfolioAnswer; item: ExplorerPortfolio }) {
  const { t } = useTranslation();
  const { locale } = useSite();
  const a = props.answer;
  const { portfolio: p, sectors } = props.item;
  const r = p.result;
  const nm = (id: string) => (a.names[id] ? localize(a.names[id], locale) : id);
  const targetName = (id: string) => {
    const base = id.includes("@") ? id.slice(0, id.lastIndexOf("@")) : id;
    return a.targetNames[base] ? localize(a.targetNames[base], locale) : base;
  };
  const sectorLabel = (id: string) => (id === "other" ? t("explorer.whatOther") : t(`sector.${id}`));
  const atMax = r.binding.filter((b) => b.kind === "action_at_max");
  const below = r.levels.filter((l) => l.level < (a.ranges[l.action]?.max ?? 0) - 1e-3);
  const later = p.year === null ? [] : p.checks.filter((c) => c.year > p.year!);
  return (
    <section
      className="portfolio__year"
      data-testid="portfolio-year"
      data-status={r.status}
      data-year={p.year ?? "all"}
      aria-labelledby={`pf-h-${p.year ?? "all"}`}
    >
      <h3 id={`pf-h-${p.year ?? "all"}`}>
        {p.year === null
          ? t("explorer.portfolioAllYears")
          : t("explorer.portfolioYear", { year: formatYear(p.year, locale) })}
      </h3>
      <p>
        <strong>{t(`portfolioStatus.${r.status}`)}</strong>{" "}
        {t("explorer.portfolioCost", {
          cost: formatKrw(r.npc.full, locale),
          rate: formatPercent(a.discountRate, locale).replace("+", ""),
          year: formatYear(a.discountYear, locale),
        })}
      </p>
      {r.targets.map((x, i) =>
        x.met ? null : (
          <p key={x.id} data-testid="portfolio-short">
            {t("explorer.portfolioShort", {
              target: targetName(x.id),
              year: formatYear(x.year, locale),
              short: formatKt(x.shortfall, locale),
              sectors:
                (sectors[i] ?? [])
                  .filter((g) => g.gap > 50)
                  .sort((m, n) => n.gap - m.gap)
                  .map((g) => `${sectorLabel(g.sector)} +${formatKt(g.gap, locale)}`)
                  .join(", ") || "–",
            })}
          </p>
        ),
      )}
      {r.binding.length > 0 && (
        <>
          <h4>{t("explorer.binding")}</h4>
          <ul data-testid="portfolio-binding">
            {atMax.length > 0 && (
              <li>
                {t("binding.actions_at_max", {
                  n: formatNumber(atMax.length, locale),
                  names: atMax.map((b) => nm(b.id)).join(", "),
                })}
              </li>
            )}
            {r.binding
              .filter((b) => b.kind !== "action_at_max")
              .map((b) => (
                <li key={`${b.kind}:${b.id}`}>
                  {t(`binding.${b.kind}`, {
                    id: b.id,
                    name: b.id
                      .split("|")
                      .map((x) => nm(x))
                      .join(" · "),
                  })}
                </li>
              ))}
          </ul>
        </>
      )}
      <p data-testid="portfolio-below-max">
        {t("explorer.portfolioBelowMax", {
          n: formatNumber(below.length, locale),
          names: below.map((l) => nm(l.action)).join(", ") || "–",
        })}
      </p>
      {later.length > 0 && (
        <p>
          {t("explorer.portfolioLater", {
            met:
              later
                .filter((c) => c.met)
                .map((c) => `${targetName(c.id)} ${formatYear(c.year, locale)}`)
                .join(", ") || "–",
            missed:
              later
                .filter((c) => !c.met)
                .map((c) => `${targetName(c.id)} ${formatYear(c.year, locale)}`)
                .join(", ") || "–",
          })}
        </p>
      )}
      <DataTable
        caption={t("explorer.portfolioTargetsTable")}
        columns={[
          t("explorer.target"),
          t("explorer.year"),
          t("explorer.limit"),
          t("explorer.emissions"),
          t("explorer.shortfallFull"),
        ]}
        rows={p.checks.map((x) => [
          targetName(x.id),
          formatYear(x.year, locale),
          formatKt(x.limit, locale),
          formatKt(x.full, locale),
          x.met ? t("explorer.met") : `${t("explorer.missed")} ${formatKt(x.shortfall, locale)}`,
        ])}
      />
    </section>
  );
}

/** What the answer says of every chosen year together. */
function togetherText(a: PortfolioAnswer, t: T, locale: "ko" | "en"): string {
  const g = a.together;
  if (g.status === "met") {
    const p = a.portfolios[g.portfolio!]!.portfolio;
    if (a.portfolios.length === 1) return t("explorer.togetherOne");
    return p.year === null
      ? t("explorer.togetherJoint")
      : t("explorer.togetherByYear", { year: formatYear(p.year, locale) });
  }
  if (g.status === "unreachable")
    return g.unreachable_years.length
      ? t("explorer.togetherUnreachableYears", {
          years: g.unreachable_years.map((y) => formatYear(y, locale)).join(", "),
        })
      : t("explorer.togetherUnreachable");
  return t("explorer.togetherNotMet");
}

export function PortfolioPanel(props: {
  available: boolean;
  choices: PortfolioTargetChoice[];
  running: boolean;
  answer: PortfolioAnswer | null;
  error: string | null;
  onRun: (targets: Array<{ target: string; years: number[] }>, mode: PortfolioMode) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useSite();
  const keyOf = (target: string, y: number) => `${target}@${y}`;
  const [picked, setPicked] = useState<Set<string>>(
    () => new Set(props.choices.flatMap((c) => c.years.map((y) => keyOf(c.target, y)))),
  );
  const [mode, setMode] = useState<PortfolioMode>("per_year");
  if (!props.available)
    return (
      <Section title={t("explorer.portfolioTitle")} id="portfolio">
        <p className="muted">{t("explorer.portfolioNone")}</p>
      </Section>
    );
  const chosen = props.choices
    .map((c) => ({ target: c.target, years: c.years.filter((y) => picked.has(keyOf(c.target, y))) }))
    .filter((c) => c.years.length > 0);
  const a = props.answer;
  const nm = (id: string) => (a?.names[id] ? localize(a.names[id], locale) : id);
  const column = (p: ExplorerPortfolio) =>
    p.portfolio.year === null ? t("explorer.portfolioAllYears") : formatYear(p.portfolio.year, locale);
  return (
    <Section title={t("explorer.portfolioTitle")} id="portfolio">
      <p className="muted">{t("explorer.portfolioLead")}</p>
      <fieldset className="portfolio__targets">
        <legend>{t("explorer.portfolioTargets")}</legend>
        {props.choices.flatMap((c) =>
          c.years.map((y) => {
            const k = keyOf(c.target, y);
            const id = `pf-${c.target}-${y}`;
            return (
              <div key={k} className="check">
                <input
                  id={id}
                  type="checkbox"
                  checked={picked.has(k)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setPicked((p) => {
                      const n = new Set(p);
                      if (on) n.add(k);
                      else n.delete(k);
                      return n;
                    });
                  }}
                />
                <label htmlFor={id}>
                  {localize(c.name, locale)} · {formatYear(y, locale)}
                </label>
              </div>
            );
          }),
        )}
      </fieldset>
      <fieldset className="portfolio__targets">
        <legend>{t("explorer.portfolioMode")}</legend>
        {(["per_year", "joint"] as const).map((m) => (
          <div key={m} className="check">
            <input
              id={`pf-mode-${m}`}
              type="radio"
              name="pf-mode"
              value={m}
              checked={mode === m}
              onChange={() => setMode(m)}
            />
            <label htmlFor={`pf-mode-${m}`}>{t(`explorer.portfolioMode_${m}`)}</label>
          </div>
        ))}
      </fieldset>
      <button
        type="button"
        className="button"
        disabled={props.running || chosen.length === 0}
        onClick={() => props.onRun(chosen, mode)}
        data-testid="portfolio-run"
      >
        {t("explorer.portfolioRun")}
      </button>
      {chosen.length === 0 && <p className="muted">{t("explorer.portfolioPickTarget")}</p>}
      <div aria-live="polite">
        {props.running && (
          <p className="status status--loading" role="status">
            {t("explorer.portfolioRunning")}
          </p>
        )}
        {props.error && (
          <p className="status status--error" role="status">
            {props.error}
          </p>
        )}
        {a && !props.running && (
          <div data-testid="portfolio-result" data-mode={a.mode} data-together={a.together.status}>
            <p data-testid="portfolio-together">
              <strong>{togetherText(a, t, locale)}</strong>
              {` · ${t("explorer.solveTime", { ms: formatNumber(a.solveMs, locale) })}`}
            </p>
            {a.portfolios.map((p) => (
              <PortfolioBlock key={p.portfolio.year ?? "all"} answer={a} item={p} />
            ))}
            {a.illustrative.length > 0 && (
              <p className="muted">
                {t("explorer.portfolioIllustrative", { n: formatNumber(a.illustrative.length, locale) })}
              </p>
            )}
            <DataTable
              caption={t("explorer.portfolioLevels")}
              columns={[t("explorer.action"), t("explorer.levelRange"), ...a.portfolios.map(column)]}
              rows={(a.portfolios[0]?.portfolio.result.levels ?? []).map((l, i) => [
                a.illustrative.includes(l.action)
                  ? `${nm(l.action)} (${t("common.illustrative")})`
                  : nm(l.action),
                `${formatNumber(a.ranges[l.action]?.min ?? 0, locale)}–${formatNumber(a.ranges[l.action]?.max ?? 0, locale)}${a.ranges[l.action]?.provenance.illustrative ? ` (${t("common.illustrative")})` : ""}`,
                ...a.portfolios.map((p) => formatShare(p.portfolio.result.levels[i]!.level, locale)),
              ])}
            />
          </div>
        )}
      </div>
    </Section>
  );
}

export type { T };
