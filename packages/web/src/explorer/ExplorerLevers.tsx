/**
 * The explorer's levers: the scenario, its driver paths (when the instance has more than one), a slider per
 * action's level, and the buttons to reset the levels or propose this state in a consultation.
 */
import { useTranslation } from "react-i18next";
import { type Lever, localize } from "../api/model.ts";
import { Link } from "../app/Link.tsx";
import { AsWritten, RecordedText } from "../components/LocalText.tsx";
import { Section } from "../components/Page.tsx";
import { formatShare, type Locale } from "../format.ts";

type Text = { ko: string; en: string };

export interface ExplorerLeversProps {
  locale: Locale;
  scenarioId: string;
  scenarios: ReadonlyArray<{ id: string; name: Text }>;
  drivers: { id: string; choices: ReadonlyArray<{ id: string; name: Text | null }> };
  levers: readonly Lever[];
  /** Where "propose this scenario" leads. */
  proposeHref: string;
  onScenario(id: string): void;
  onDrivers(id: string): void;
  onLevel(id: string, value: number): void;
  onReset(): void;
}

/**
 * Where a slider's range comes from: its source (with the year, as written: tagged English on a Korean page),
 * "illustrative" or "yes/no", with what it rests on in the page's language (a note stored before Korean was
 * required is its English marked [en]).
 */
function RangeNote({ lever: l, locale }: { lever: Lever; locale: Locale }) {
  const { t } = useTranslation();
  const r = l.range;
  const range = `${formatShare(l.min, locale)}–${formatShare(l.max, locale)}`;
  const kind =
    r.source !== undefined
      ? "explorer.rangeSourced"
      : r.yes_no
        ? "explorer.rangeYesNo"
        : "explorer.rangeIllustrative";
  return (
    <details className="lever-range" data-testid={`lever-range-${l.id}`}>
      <summary id={`lever-range-${l.id}`}>{t(kind, { range })}</summary>
      {r.source !== undefined && (
        <p>
          {t("explorer.rangeSource")} <AsWritten text={r.source} locale={locale} />
        </p>
      )}
      {r.note !== undefined && (
        <p>
          {t("explorer.rangeNote")} <RecordedText text={r.note} locale={locale} />
        </p>
      )}
    </details>
  );
}

export function ExplorerLevers(p: ExplorerLeversProps) {
  const { t } = useTranslation();
  const { locale } = p;
  return (
    <Section title={t("explorer.levers")} id="levers">
      <div className="field">
        <label htmlFor="scenario-select">{t("explorer.scenario")}</label>
        <select
          id="scenario-select"
          value={p.scenarioId}
          onChange={(e) => p.onScenario(e.currentTarget.value)}
        >
          {p.scenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {localize(s.name, locale)}
            </option>
          ))}
        </select>
      </div>
      {p.drivers.choices.length > 1 && (
        <div className="field">
          <label htmlFor="drivers-select">{t("explorer.drivers")}</label>
          <select
            id="drivers-select"
            value={p.drivers.id}
            aria-describedby="drivers-hint"
            onChange={(e) => p.onDrivers(e.currentTarget.value)}
          >
            {p.drivers.choices.map((c) => (
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
      <p className="muted">{p.levers.length ? t("explorer.leversLead") : t("explorer.noLevers")}</p>
      <ul className="levers">
        {p.levers.map((l) => (
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
              onChange={(e) => p.onLevel(l.id, Number(e.currentTarget.value))}
            />
            <output htmlFor={`lever-${l.id}`}>{formatShare(l.value, locale)}</output>
            <RangeNote lever={l} locale={locale} />
          </li>
        ))}
      </ul>
      <div className="button-row">
        <button type="button" className="button" onClick={p.onReset}>
          {t("explorer.reset")}
        </button>
        <Link className="button" href={p.proposeHref} data-testid="propose-scenario">
          {t("explorer.propose")}
        </Link>
      </div>
      <p className="muted">{t("explorer.shareHint")}</p>
    </Section>
  );
}
