import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../format.ts";
import { AsWritten } from "./LocalText.tsx";

/** A page's heading and document title ("title · Citypath"). */
export function PageHeader(props: { title: string; lead?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${props.title} · ${t("layout.brand")}`;
  }, [props.title, t]);
  return (
    <div className="page-header">
      <h1>{props.title}</h1>
      {props.lead && <p className="lead">{props.lead}</p>}
      {props.children}
    </div>
  );
}

export function Section(props: { title: string; children: ReactNode; id?: string }) {
  return (
    <section className="section" aria-labelledby={props.id ? `${props.id}-h` : undefined}>
      <h2 id={props.id ? `${props.id}-h` : undefined}>{props.title}</h2>
      {props.children}
    </section>
  );
}

export function SourceList(props: {
  sources: Array<{ title: string; url?: string; year?: number; illustrative?: boolean }>;
}) {
  const { t, i18n } = useTranslation();
  if (!props.sources.length) return null;
  // a title is quoted as published: tagged with its own language where it differs from the page's
  const locale: Locale = i18n.language === "en" ? "en" : "ko";
  return (
    <ul className="sources">
      {props.sources.map((s) => (
        <li key={`${s.title}-${s.year ?? ""}-${s.url ?? ""}`}>
          {s.url ? (
            <a href={s.url} rel="noreferrer">
              <AsWritten text={s.title} locale={locale} />
            </a>
          ) : (
            <AsWritten text={s.title} locale={locale} />
          )}
          {s.year !== undefined && <span className="muted"> ({s.year})</span>}
          {s.illustrative && <span className="badge badge--warn">{t("common.illustrative")}</span>}
        </li>
      ))}
    </ul>
  );
}
