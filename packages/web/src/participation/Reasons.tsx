import { useTranslation } from "react-i18next";
import type { Reason } from "./text-check.ts";

/** Refusal reasons, each in the page's language where the page knows it, else as the server wrote it. */
export function ReasonList(props: { reasons: readonly Reason[] }) {
  const { t } = useTranslation();
  return (
    <ul>
      {props.reasons.map((r) => {
        const s = "key" in r ? t(r.key, r.values ?? {}) : r.text;
        return <li key={s}>{s}</li>;
      })}
    </ul>
  );
}
