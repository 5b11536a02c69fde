import { useTranslation } from "react-i18next";
import type { ApiError } from "../api/client.ts";

/** Loading, empty and error states, announced politely to screen readers. */
export function Status(props: { kind: "loading" | "empty" | "error"; message?: string; error?: ApiError }) {
  const { t } = useTranslation();
  if (props.kind === "loading")
    return (
      <p className="status status--loading" role="status">
        {t("status.loading")}
      </p>
    );
  if (props.kind === "empty")
    return (
      <p className="status status--empty" role="status">
        {props.message ?? t("status.empty")}
      </p>
    );
  const e = props.error;
  const notYet = e?.status === 404;
  return (
    <div className="status status--error" role="status">
      <p>{notYet ? (props.message ?? t("status.notPublished")) : t("status.error")}</p>
      {e && !notYet && (
        <p className="status__detail">
          <code>{e.code}</code> {e.message}
        </p>
      )}
    </div>
  );
}
