import type { EChartsType } from "echarts/core";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Lever, localize, type Pathway } from "../api/model.ts";
import { useSite } from "../app/context.ts";
import { ChartFigure } from "../charts/ChartFigure.tsx";
import { pathwayOption } from "../charts/options.ts";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import {
  type BandState,
  MacPanel,
  type MacState,
  PortfolioPanel,
  type PortfolioTargetChoice,
  UncertaintyPanel,
} from "../explorer/AnalysisPanels.tsx";
import type { PortfolioAnswer } from "../explorer/analysis.ts";
import { BAND_SAMPLES } from "../explorer/constants.ts";
import type { FromAnalysis, FromWorker, PathwayFrame, ToAnalysis, ToWorker } from "../explorer/protocol.ts";
import { useInstanceDocument } from "../explorer/useInstance.ts";
import { formatNumber, formatShare } from "../format.ts";
import { pathwaySummary, pathwayTable } from "./Home.tsx";

type EngineState =
  | { state: "loading" }
  | { state: "error"; code: string; message: string }
  | { state: "ready"; scenarioId: string; scenarioName: { ko: string; en: string } };

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

export default function Explorer() {
  const { t } = useTranslation();
  const { locale } = useSite();
  const doc = useInstanceDocument();

  const worker = useRef<Worker | null>(null);
  const chart = useRef<EChartsType | null>(null);
  const [engine, setEngine] = useState<EngineState>({ state: "loading" });
  const [scenarios, setScenarios] = useState<Array<{ id: string; name: { ko: string; en: string } }>>([]);
  const [levers, setLevers] = useState<Lever[]>([]);
  const [frame, setFrame] = useState<PathwayFrame | null>(null);
  const [initial, setInitial] = useState<PathwayFrame | null>(null);
  const levels = useRef<Record<string, number>>({});
  const seq = useRef(0);
  const inFlight = useRef(false);
  const textTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dirty = useRef(false);
  const [evalMs, setEvalMs] = useState<number | null>(null);
  const labelsRef = useRef({ bau: "", scenario: "", band: "", targets: [] as string[] });
  // The analysis worker (band, MAC curve, portfolio): asked when the sliders rest, never on the slider's path.
  const analysis = useRef<Worker | null>(null);
  const analysisSeq = useRef(0);
  const askedAt = useRef(0);
  const bandShown = useRef(false);
  const clearBand = useRef(false);
  const stopped = useRef(false);
  const scenarioRef = useRef<string | null>(null);
  const driversRef = useRef("bau");
  const [drivers, setDrivers] = useState<{
    id: string;
    choices: Array<{ id: string; name: { ko: string; en: string } | null }>;
  }>({ id: "bau", choices: [] });
  const [bandState, setBandState] = useState<BandState>({ band: null, firstMs: null, error: null });
  const [mac, setMac] = useState<MacState | null>(null);
  const [allTargets, setAllTargets] = useState<Array<{ id: string; name: { ko: string; en: string } }>>([]);
  const [pf, setPf] = useState<{ running: boolean; answer: PortfolioAnswer | null; error: string | null }>({
    running: false,
    answer: null,
    error: null,
  });
  const analysisSpec = doc.state === "ready" && doc.data.analysis.ok ? doc.data.analysis.data : null;

  const analyse = () => {
    const a = analysis.current;
    const sc = scenarioRef.current;
    if (!a || !sc) return;
    askedAt.current = performance.now();
    stopped.current = false;
    // The band and probabilities shown are for older levels: cleared until the new run's first block.
    setBandState({ band: null, firstMs: null, error: null });
    const m: ToAnalysis = {
      type: "analyse",
      seq: ++analysisSeq.current,
      scenarioId: sc,
      drivers: driversRef.current,
      levels: { ...levels.current },
    };
    a.postMessage(m);
  };

  const send = () => {
    if (!worker.current) return;
    inFlight.current = true;
    dirty.current = false;
    const m: ToWorker = { type: "eval", seq: ++seq.current, levels: { ...levels.current } };
    worker.current.postMessage(m);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: one worker per instance document; send reads refs only
  useEffect(() => {
    if (doc.state !== "ready") return;
    const w = new Worker(new URL("../explorer/worker.ts", import.meta.url), { type: "module" });
    worker.current = w;
    w.onmessage = (ev: MessageEvent<FromWorker>) => {
      const m = ev.data;
      if (m.type === "error") {
        setEngine({ state: "error", code: m.code, message: m.message });
        inFlight.current = false;
        return;
      }
      if (m.type === "loaded") {
        levels.current = Object.fromEntries(m.levers.map((l) => [l.id, l.value]));
        scenarioRef.current = m.scenarioId;
        driversRef.current = m.drivers;
        setDrivers({ id: m.drivers, choices: m.driverChoices });
        setAllTargets(m.allTargets);
        setBandState({ band: null, firstMs: null, error: null });
        setMac(null);
        bandShown.current = false;
        analyse();
        setLevers(m.levers);
        setInitial(m.frame);
        setFrame(m.frame);
        setScenarios(m.scenarios);
        setEngine({ state: "ready", scenarioId: m.scenarioId, scenarioName: m.scenarioName });
        return;
      }
      inFlight.current = false;
      // Draw first (synchronously, straight into the chart), then let React update the text and table.
      const c = chart.current;
      if (c) {
        // Series 0 and 1 are the band (lower bound, width): left as they are, or emptied when the levels
        // moved away from the band's (in this same draw, so that one move is one render).
        const band = clearBand.current ? [{ data: [] }, { data: [] }] : [{}, {}];
        clearBand.current = false;
        // What the next render draws (the slider timing counts the levels' renders only).
        c.getDom().dataset.draw = "levels";
        c.setOption({
          series: [
            ...band,
            { data: m.frame.bau },
            { data: m.frame.scenario },
            ...m.frame.targets.map((x) => ({ data: x.values })),
          ],
        });
      }
      if (dirty.current) send();
      // The text summary and the table follow once the slider rests (they are announced to screen readers
      // and cost a React render; the chart itself is already drawn).
      if (textTimer.current !== undefined) clearTimeout(textTimer.current);
      const f = m.frame;
      const ms = m.evalMs;
      textTimer.current = setTimeout(() => {
        setFrame(f);
        setEvalMs(ms);
        analyse();
      }, 150);
    };
    const load: ToWorker = { type: "load", instance: doc.data.document, scenarioId: null, drivers: null };
    const an = new Worker(new URL("../explorer/analysis-worker.ts", import.meta.url), { type: "module" });
    analysis.current = an;
    const spec = doc.data.analysis.ok ? doc.data.analysis.data : { uncertainty: null, portfolio: null };
    const init: ToAnalysis = {
      type: "init",
      instance: doc.data.document,
      uncertainty: spec.uncertainty,
      portfolio: spec.portfolio,
    };
    an.postMessage(init);
    an.onmessage = (ev: MessageEvent<FromAnalysis>) => {
      const r = ev.data;
      if (r.type === "portfolio") {
        setPf({ running: false, answer: r.answer, error: null });
        return;
      }
      if (r.type === "error") {
        if (r.task === "portfolio") setPf({ running: false, answer: null, error: `${r.code}: ${r.message}` });
        else if (r.seq === 0 || r.seq === analysisSeq.current)
          setBandState((b) => ({ ...b, error: `${r.code}: ${r.message}` }));
        return;
      }
      if (r.seq !== analysisSeq.current) return; // the sliders moved since: stale
      if (r.type === "mac") {
        setMac({
          curve: r.curve,
          names: r.names,
          year: r.year,
          discountRate: r.discountRate,
          discountYear: r.discountYear,
        });
        return;
      }
      const c = chart.current;
      if (c) {
        c.getDom().dataset.draw = "band";
        c.setOption({
          series: [{ data: r.band.p5 }, { data: r.band.p95.map((v, i) => v - (r.band.p5[i] ?? v)) }],
        });
        bandShown.current = true;
      }
      setBandState((b) => ({
        band: r.band,
        firstMs: b.band === null || b.firstMs === null ? performance.now() - askedAt.current : b.firstMs,
        error: null,
      }));
    };
    w.postMessage(load);
    return () => {
      w.terminate();
      an.terminate();
      worker.current = null;
      analysis.current = null;
    };
  }, [doc]);

  const scenarioName = engine.state === "ready" ? localize(engine.scenarioName, locale) : "";
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
        onReady={(c) => {
          chart.current = c;
        }}
        table={pathwayTable(pw, locale, t)}
      />
    );
  }, [frame, option, engine, locale, t, scenarioName]);

  function onInput(id: string, value: number): void {
    levels.current[id] = value;
    // The band and the MAC curve are for the levels before this move: stop the run, hide the band.
    if (!stopped.current && analysis.current) {
      stopped.current = true;
      const stop: ToAnalysis = { type: "stop", seq: ++analysisSeq.current };
      analysis.current.postMessage(stop);
    }
    if (bandShown.current) {
      clearBand.current = true;
      bandShown.current = false;
    }
    setLevers((ls) => ls.map((l) => (l.id === id ? { ...l, value } : l)));
    if (inFlight.current) dirty.current = true;
    else send();
  }

  function load(
    scenarioId: string | null,
    driverId: string | null = null,
    keep?: Record<string, number>,
  ): void {
    if (doc.state !== "ready") return;
    const m: ToWorker = {
      type: "load",
      instance: doc.data.document,
      scenarioId,
      drivers: driverId,
      ...(keep ? { levels: keep } : {}),
    };
    worker.current?.postMessage(m);
  }
  const reset = () => load(engine.state === "ready" ? engine.scenarioId : null);

  const uncertainty = analysisSpec?.uncertainty as {
    parameters?: Array<{ id: string; illustrative?: boolean; name?: { ko: string; en: string } }>;
  } | null;
  const illustrative =
    !!uncertainty?.parameters?.length && uncertainty.parameters.every((p) => p.illustrative);
  const pfSpec = analysisSpec?.portfolio as { targets?: Array<{ target: string; years?: number[] }> } | null;
  const choices: PortfolioTargetChoice[] = (pfSpec?.targets ?? []).flatMap((x) => {
    const name = allTargets.find((a) => a.id === x.target)?.name;
    return name && x.years?.length ? [{ target: x.target, name, years: x.years }] : [];
  });
  function solve(targets: Array<{ target: string; years: number[] }>): void {
    const sc = scenarioRef.current;
    if (!analysis.current || !sc) return;
    setPf({ running: true, answer: null, error: null });
    const m: ToAnalysis = {
      type: "portfolio",
      seq: analysisSeq.current,
      scenarioId: sc,
      drivers: driversRef.current,
      targets,
    };
    analysis.current.postMessage(m);
  }

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
              onChange={(e) => load(e.currentTarget.value)}
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
                onChange={(e) => load(engine.scenarioId, e.currentTarget.value, { ...levels.current })}
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
                  onChange={(e) => onInput(l.id, Number(e.currentTarget.value))}
                />
                <output htmlFor={`lever-${l.id}`}>{formatShare(l.value, locale)}</output>
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={reset}>
            {t("explorer.reset")}
          </button>
        </Section>
        <div className="explorer__chart">
          {figure}
          {evalMs !== null && (
            <p className="muted">{t("explorer.evalTime", { ms: formatNumber(evalMs, locale, 2) })}</p>
          )}
        </div>
      </div>
      {!doc.data.analysis.ok && <Status kind="error" error={doc.data.analysis.error} />}
      <UncertaintyPanel
        state={bandState}
        years={frame.years}
        available={!!analysisSpec?.uncertainty}
        illustrative={illustrative}
        total={BAND_SAMPLES}
        inputs={(uncertainty?.parameters ?? []).map((p) => p.name ?? { ko: p.id, en: p.id })}
      />
      <MacPanel state={mac} available={!!analysisSpec?.portfolio} />
      {choices.length > 0 || !analysisSpec?.portfolio ? (
        <PortfolioPanel
          key={engine.scenarioId}
          available={!!analysisSpec?.portfolio}
          choices={choices}
          running={pf.running}
          answer={pf.answer}
          error={pf.error}
          onRun={solve}
        />
      ) : null}
    </>
  );
}
