/**
 * How a workspace write fails, in words for the form: a network failure, an ended session, a refusal by
 * the department rule (403), a server error; each says that what was typed is still in the form. A 409 is
 * not here: the forms show the conflict view instead. The server's field details are listed after its
 * message (each names a path in the record, such as the action's Korean name).
 */
import type { TFunction } from "i18next";
import type { ApiError } from "../api/client.ts";

export function failureText(t: TFunction, e: ApiError): string {
  if (e.status === 0) return t("wk.err.network");
  if (e.status === 401) return t("wk.err.signedOut");
  const details = (e.details ?? []).map((d) => `${d.path.replace(/^json\./, "")}: ${d.message}`);
  const message = [e.message, ...details].join(" · ");
  if (e.status === 403) return t("wk.err.forbidden", { message });
  if (e.status >= 500) return t("wk.err.server", { code: e.code });
  return t("wk.err.refused", { message });
}

/** A new progress update's id: the date and a random suffix (the core's id rule: lower case, digits, -). */
export function newId(prefix: string, date: string): string {
  const rand = Math.random()
    .toString(36)
    .slice(2, 8)
    .replace(/[^a-z0-9]/g, "0");
  return `${prefix}-${date}-${rand}`.toLowerCase();
}
