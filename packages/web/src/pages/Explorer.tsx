import type { PortfolioMode } from "@citypath/core/optimize/by-year";
import { SCOPE2_METHOD_LABELS } from "@citypath/core/vocabulary/scope2";
import { KR_SECTOR_IDS, type KrSectorId } from "@citypath/core/vocabulary/sectors";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Lever, localize, type Pathway } from "../api/model.ts";
import { useSite } from "../app/context.ts";
import { Link } from "../app/Link.tsx";
import { navigate, pathFor } from "../app/router.ts";
import { ChartFigure } from "../charts/ChartFigure.tsx";
import { pathwayOption, sectorGapOption } from "../charts/options.ts";
import { pathwaySummary, pathwayTable } from "../charts/pathway-text.ts";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import {
  MacPanel,
  PortfolioPanel,
  type PortfolioTargetChoice,
  UncertaintyPanel,
} from "../explorer/AnalysisPanels.tsx";
import { BAND_SAMPLES } from "../explorer/constants.ts";
import type { PathwayFrame } from "../explorer/protocol.ts";
import { useAnalysisWorker } from "../explorer/useAnalysisWorker.ts";
import { useEngineWorker } from "../explorer/useEngineWorker.ts";
import { useInstanceDocument } from "../explorer/useInstance.ts";
import { usePathwayChart } from "../explorer/usePathwayChart.ts";
import { formatKt, formatNumber, formatShare, formatYear } from "../format.ts";
import { PlanItemConsultations } from "../participation/PlanItemConsultations.tsx";
import { explorerQuery, readExplorerQuery } from "../participation/share.ts";

/** Where a slider's range comes from: its source (with the year), or "illustrative" with what it rests on. */
function RangeNote({ lever: l, locale }: { lever: Lever; locale: "ko" | "en" }) {
  const { t } = useTranslation();
  const r = l.range;
  const range = `${formatShare(l.min, locale)}–${formatShare(l.max, locale)}`;
  return (
    <details className="lever-range" data-testid={`lever-range-${l.id}`}>
      <summary id={`lever-range-${l.id}`}>
        {t(r.source !== undefined ? "explorer.rangeSourced" : "explorer.rangeIllustrative", { range })}
      </summary>
      {r.source !== undefined && <p>{t("explorer.rangeSource", { source: r.source })}</p>}
      {r.note !== undefined && <p>{t("explorer.rangeNote", { note: r.note })}</p>}
    </details>
  );
}

function toPathway(f: PathwayFrame, scenarioId: string, name: { ko: string; en: string }): Pathway {
  return {
    scenarioId,
    scenarioName: name,
    years: f.years,
    bau: f.bau,
    scenario: f.scenario,
    targets: f.targets,
  };
}

const NO_SPEC = { uncertainty: null, portfolio: null };

/**
 * The scenario explorer: sliders for the actions' levels drive the engine worker (the pathway on every
 * move), the analysis worker follows when they rest (band, MAC curve, least-cost portfolio).
 */
export default function Explorer() {
  const { t } = useTranslation();
  const site = useSite();
  const { locale } = site;
  const doc = useInstanceDocument();
  // a shared address (?scenario=&drivers=&levels=) says where the explorer starts
  const [start] = useState(() => readExplorerQuery(site.query));
  const instance = doc.state === "ready" ? doc.data.document : null;
  const analysisSpec = doc.state === "ready" && doc.data.analysis.ok ? doc.data.analysis.data : null;

  const chart = usePathwayChart();
  const analysis = useAnalysisWorker(instance, analysisSpec ?? NO_SPEC, chart.drawBand);
  const analyseNow = () => {
    const c = eng.current();
    analysis.analyse(c.scenarioId, c.drivers, c.levels);
  };
  // The address follows the explorer's state once the sliders rest, so that it can be shared as it is.
  const syncAddress = () => {
    const c = eng.current();
    const q = explorerQuery({ scenario: c.scenarioId, drivers: c.drivers, levels: c.levels }, c.baseLevels);
    const consultation = new URLSearchParams(window.location.search).get("consultation");
    if (consultation) q.set("consultation", consultation);
    const s = q.toString();
    const href = `${window.location.pathname}${s ? `?${s}` : ""}`;
    if (href !== window.location.pathname + window.location.search) navigate(href, { replace: true });
  };
  const eng = useEngineWorker(
    instance,
    {
      onLoaded: () => {
        analysis.reset();
        chart.resetBand();
        analyseNow();
        syncAddress();
      },
      onFrame: chart.drawLevels,
      onRest: () => {
        analyseNow();
        syncAddress();
      },
    },
    start,
  );
  const { engine, frame, initial, levers, scenarios, drivers, evalMs } = eng;

  const scenarioName = engine.state === "ready" ? localize(engine.scenarioName, locale) : "";
  const labelsRef = useRef({ bau: "", scenario: "", band: "", targets: [] as string[] });
  labelsRef.current = {
    bau: t("pathway.bau"),
    scenario: scenarioName || t("pathway.scenario"),
    band: t("pathway.band"),
    targets: (initial?.targets ?? []).map((x) => localize(x.name, locale)),
  };
  // The option is built once per frame set-up and language; slider moves update the series in place.
  const option = useMemo(
    () =>
      initial && engine.state === "ready"
        ? pathwayOption(
            // The band's two series exist from the start (zero width) so that the band can fill in later
            // without rebuilding the chart.
            {
              ...toPathway(initial, engine.scenarioId, engine.scenarioName),
              band: { p5: initial.scenario, p95: initial.scenario },
            },
            locale,
            labelsRef.current,
            false,
          )
        : null,
    [initial, engine, locale],
  );

  // The figure re-renders only when the (debounced) frame changes, not on every slider move.
  const figure = useMemo(() => {
    if (!frame || !option || engine.state !== "ready") return null;
    const pw = toPathway(frame, engine.scenarioId, engine.scenarioName);
    return (
      <ChartFigure
        title={t("pathway.chartTitle", { scenario: scenarioName })}
        summary={<p aria-live="polite">{pathwaySummary(pw, locale, t)}</p>}
        option={option}
        height={420}
        testId="explorer-pathway"
        onReady={chart.attach}
        table={pathwayTable(pw, locale, t)}
      />
    );
  }, [frame, option, engine, locale, t, scenarioName, chart]);

  // What it takes: the gap to each target by plan sector, for the frame's levels.
  const what = useMemo(
    () =>
      (frame?.whatItTakes ?? []).map((w) => {
        if (w.years.length === 0) return null;
        const sectorLabel = (id: string) => (id === "other" ? t("explorer.whatOther") : t(`sector.${id}`));
        const ids = KR_SECTOR_IDS.filter((id) => w.years.some((y) => y.sectors.some((x) => x.sector === id)));
        const gapOf = (y: (typeof w.years)[number], id: string) =>
          y.sectors.find((x) => x.sector === id)?.gap ?? 0;
        const option = sectorGapOption(
          ids,
          w.years.map((y) => ({ label: formatYear(y.year, locale), gaps: ids.map((id) => gapOf(y, id)) })),
          (id: KrSectorId) => sectorLabel(id),
          locale,
        );
        const first = w.years[0]!;
        const worst = [...first.sectors].sort((a, b) => b.gap - a.gap)[0];
        const summary =
          first.gap > 0 && worst
            ? t("explorer.whatSummary", {
                year: first.year,
                gap: formatKt(first.gap, locale),
                sector: sectorLabel(worst.sector),
                sectorGap: formatKt(worst.gap, locale),
              })
            : t("explorer.whatMet", { year: first.year, gap: formatKt(-first.gap, locale) });
        const table = {
          caption: t("explorer.whatTable"),
          columns: [
            t("explorer.year"),
            t("explorer.whatSector"),
            t("explorer.whatAllowance"),
            t("explorer.whatRemaining"),
            t("explorer.whatGap"),
          ],
          rows: w.years.flatMap((y) =>
            y.sectors.map((x) => [
              formatYear(y.year, locale),
              sectorLabel(x.sector),
              formatKt(x.allowance, locale),
              formatKt(x.remaining, locale),
              formatKt(x.gap, locale),
            ]),
          ),
        };
        return (
          <Section
            title={t("explorer.whatTitle", {
              target: `${localize(w.targetName, locale)} (${localize(SCOPE2_METHOD_LABELS[w.method], locale)})`,
            })}
            id={`what-it-takes-${w.target}`}
            key={w.target}
          >
            <p className="muted">{t("explorer.whatLead")}</p>
            <ChartFigure
              title={t("explorer.whatTable")}
              headingLevel={3}
              summary={<p>{summary}</p>}
              option={option}
              height={320}
              testId={`explorer-what-it-takes-${w.target}`}
              table={table}
            />
          </Section>
        );
      }),
    [frame, locale, t],
  );

  function onInput(id: string, value: number): void {
    // the band and the MAC curve are for the levels before this move: stop the run, hide the band
    analysis.stop();
    chart.hideBand();
    eng.setLevel(id, value);
  }
  const reset = () => eng.load(engine.state === "ready" ? engine.scenarioId : null);

  const uncertainty = analysisSpec?.uncertainty as {
    parameters?: Array<{ id: string; illustrative?: boolean; name?: { ko: string; en: string } }>;
  } | null;
  const illustrative =
    !!uncertainty?.parameters?.length && uncertainty.parameters.every((p) => p.illustrative);
  const pfSpec = analysisSpec?.portfolio as { targets?: Array<{ target: string; years?: number[] }> } | null;
  const choices: PortfolioTargetChoice[] = (pfSpec?.targets ?? []).flatMap((x) => {
    const name = eng.allTargets.find((a) => a.id === x.target)?.name;
    return name && x.years?.length ? [{ target: x.target, name, years: x.years }] : [];
  });
  const solve = (targets: Array<{ target: string; years: number[] }>, mode: PortfolioMode) => {
    const c = eng.current();
    analysis.solve(c.scenarioId, c.drivers, targets, mode);
  };

  /** The consultation's proposal form (or the list to choose one) with this state as the proposal's scenario. */
  const proposeHref = (instanceId: string) => {
    const q = new URLSearchParams(site.query);
    const consultation = q.get("consultation");
    q.delete("consultation");
    q.set("propose", "1");
    q.set("instance", instanceId);
    const path = consultation
      ? pathFor(locale, { page: "consultation", consultationId: consultation })
      : pathFor(locale, { page: "consultations" });
    return `${path}?${q}`;
  };

  const header = <PageHeader title={t("explorer.title")} lead={t("explorer.lead")} />;
  if (doc.state !== "ready")
    return (
      <>
        {header}
        <Status
          kind={doc.state}
          {...(doc.state === "error" ? { error: doc.error } : {})}
          message={t("explorer.noInstance")}
        />
      </>
    );
  if (engine.state === "error")
    return (
      <>
        {header}
        <Status kind="error" error={{ status: 500, code: engine.code, message: engine.message }} />
      </>
    );
  if (engine.state === "loading" || !frame || !option)
    return (
      <>
        {header}
        <Status kind="loading" />
      </>
    );
  return (
    <>
      {header}
      <div className="explorer">
        <Section title={t("explorer.levers")} id="levers">
          <div className="field">
            <label htmlFor="scenario-select">{t("explorer.scenario")}</label>
            <select
              id="scenario-select"
              value={engine.scenarioId}
              onChange={(e) => eng.load(e.currentTarget.value)}
            >
              {scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {localize(s.name, locale)}
                </option>
              ))}
            </select>
          </div>
          {drivers.choices.length > 1 && (
            <div className="field">
              <label htmlFor="drivers-select">{t("explorer.drivers")}</label>
              <select
                id="drivers-select"
                value={drivers.id}
                aria-describedby="drivers-hint"
                onChange={(e) => eng.load(engine.scenarioId, e.currentTarget.value, true)}
              >
                {drivers.choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name ? localize(c.name, locale) : t("explorer.driversBau")}
                  </option>
                ))}
              </select>
              <p id="drivers-hint" className="muted">
                {t("explorer.driversHint")}
              </p>
            </div>
          )}
          <p className="muted">{levers.length ? t("explorer.leversLead") : t("explorer.noLevers")}</p>
          <ul className="levers">
            {levers.map((l) => (
              <li key={l.id} className="lever">
                <label htmlFor={`lever-${l.id}`}>{localize(l.label, locale)}</label>
                <input
                  id={`lever-${l.id}`}
                  type="range"
                  min={l.min}
                  max={l.max}
                  step={l.step}
                  value={l.value}
                  aria-valuetext={formatShare(l.value, locale)}
                  aria-describedby={`lever-range-${l.id}`}
                  onChange={(e) => onInput(l.id, Number(e.currentTarget.value))}
                />
                <output htmlFor={`lever-${l.id}`}>{formatShare(l.value, locale)}</output>
                <RangeNote lever={l} locale={locale} />
              </li>
            ))}
          </ul>
          <div className="button-row">
            <button type="button" className="button" onClick={reset}>
              {t("explorer.reset")}
            </button>
            <Link className="button" href={proposeHref(doc.data.instanceId)} data-testid="propose-scenario">
              {t("explorer.propose")}
            </Link>
          </div>
          <p className="muted">{t("explorer.shareHint")}</p>
        </Section>
        <div className="explorer__chart">
          {figure}
          {evalMs !== null && (
            <p className="muted">{t("explorer.evalTime", { ms: formatNumber(evalMs, locale, 2) })}</p>
          )}
        </div>
      </div>
      {what}
      <PlanItemConsultations
        kind="scenario"
        id={engine.scenarioId}
        title={t("action.scenarioConsultations")}
        sectionId="scenario-consultations"
      />
      {!doc.data.analysis.ok && <Status kind="error" error={doc.data.analysis.error} />}
      <UncertaintyPanel
        state={analysis.band}
        years={frame.years}
        available={!!analysisSpec?.uncertainty}
        illustrative={illustrative}
        total={BAND_SAMPLES}
        inputs={(uncertainty?.parameters ?? []).map((p) => p.name ?? { ko: p.id, en: p.id })}
      />
      <MacPanel state={analysis.mac} available={!!analysisSpec?.portfolio} />
      {choices.length > 0 || !analysisSpec?.portfolio ? (
        <PortfolioPanel
          key={engine.scenarioId}
          available={!!analysisSpec?.portfolio}
          choices={choices}
          running={analysis.portfolio.running}
          answer={analysis.portfolio.answer}
          error={analysis.portfolio.error}
          onRun={solve}
        />
      ) : null}
    </>
  );
}
