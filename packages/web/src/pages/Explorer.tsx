/**
 * The scenario explorer: sliders for the actions' levels drive the engine worker (the pathway on every
 * move), the analysis worker follows when they rest (band, MAC curve, least-cost portfolio). The state and
 * the workers are in explorer/useExplorer.ts; this page lays them out.
 */
import { useTranslation } from "react-i18next";
import { useSite } from "../app/context.ts";
import { pathFor } from "../app/router.ts";
import { PageHeader } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import {
  MacPanel,
  PortfolioPanel,
  type PortfolioTargetChoice,
  UncertaintyPanel,
} from "../explorer/AnalysisPanels.tsx";
import { BAND_SAMPLES } from "../explorer/constants.ts";
import { ExplorerLevers } from "../explorer/ExplorerLevers.tsx";
import { useExplorer } from "../explorer/useExplorer.ts";
import { useInstanceDocument } from "../explorer/useInstance.ts";
import { usePathwayFigure } from "../explorer/usePathwayFigure.tsx";
import { WhatItTakes } from "../explorer/WhatItTakes.tsx";
import { formatNumber, type Locale } from "../format.ts";
import { PlanItemConsultations } from "../participation/PlanItemConsultations.tsx";

/** The consultation's proposal form (or the list to choose one) with this state as the proposal's scenario. */
function proposeHref(query: URLSearchParams, locale: Locale, instanceId: string): string {
  const q = new URLSearchParams(query);
  const consultation = q.get("consultation");
  q.delete("consultation");
  q.set("propose", "1");
  q.set("instance", instanceId);
  const path = consultation
    ? pathFor(locale, { page: "consultation", consultationId: consultation })
    : pathFor(locale, { page: "consultations" });
  return `${path}?${q}`;
}

export default function Explorer() {
  const { t } = useTranslation();
  const site = useSite();
  const { locale } = site;
  const doc = useInstanceDocument();
  const instance = doc.state === "ready" ? doc.data.document : null;
  const spec = doc.state === "ready" && doc.data.analysis.ok ? doc.data.analysis.data : null;
  const x = useExplorer(instance, spec, site.query);
  const { engine, frame, initial, levers, scenarios, drivers, evalMs } = x.eng;
  const figure = usePathwayFigure(engine, initial, frame, x.chart, locale);

  const uncertainty = spec?.uncertainty ?? null;
  const illustrative =
    !!uncertainty?.parameters.length && uncertainty.parameters.every((p) => p.illustrative);
  const choices: PortfolioTargetChoice[] = (spec?.portfolio?.targets ?? []).flatMap((c) => {
    const name = x.eng.allTargets.find((a) => a.id === c.target)?.name;
    return name && c.years?.length ? [{ target: c.target, name, years: c.years }] : [];
  });

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
  if (engine.state === "loading" || !frame || !figure)
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
        <ExplorerLevers
          locale={locale}
          scenarioId={engine.scenarioId}
          scenarios={scenarios}
          drivers={drivers}
          levers={levers}
          proposeHref={proposeHref(site.query, locale, doc.data.instanceId)}
          onScenario={(id) => x.eng.load(id)}
          onDrivers={(id) => x.eng.load(engine.scenarioId, id, true)}
          onLevel={x.setLevel}
          onReset={x.reset}
        />
        <div className="explorer__chart">
          {figure}
          {evalMs !== null && (
            <p className="muted">{t("explorer.evalTime", { ms: formatNumber(evalMs, locale, 2) })}</p>
          )}
        </div>
      </div>
      <WhatItTakes gaps={frame.whatItTakes} locale={locale} />
      <PlanItemConsultations
        kind="scenario"
        id={engine.scenarioId}
        title={t("action.scenarioConsultations")}
        sectionId="scenario-consultations"
      />
      {!doc.data.analysis.ok && <Status kind="error" error={doc.data.analysis.error} />}
      <UncertaintyPanel
        state={x.analysis.band}
        years={frame.years}
        available={!!spec?.uncertainty}
        illustrative={illustrative}
        total={BAND_SAMPLES}
        inputs={(uncertainty?.parameters ?? []).map((p) => p.name ?? { ko: p.id, en: p.id })}
      />
      <MacPanel state={x.analysis.mac} available={!!spec?.portfolio} />
      {choices.length > 0 || !spec?.portfolio ? (
        <PortfolioPanel
          key={engine.scenarioId}
          available={!!spec?.portfolio}
          choices={choices}
          running={x.analysis.portfolio.running}
          answer={x.analysis.portfolio.answer}
          error={x.analysis.portfolio.error}
          onRun={x.solve}
        />
      ) : null}
    </>
  );
}
