/**
 * How a workspace write fails, in words for the form: a network failure, an ended session, a refusal by
 * the department rule (403), a server error; each says that what was typed is still in the form. A 409 is
 * not here: the forms show the conflict view instead. The server's field details are listed after its
 * message (each names a path in the record, such as the action's Korean name).
 */
import type { TFunction } from "i18next";
import type { ApiError } from "../api/client.ts";
import { apiErrorOf } from "./staff.ts";

export function failureText(t: TFunction, e: ApiError): string {
  if (e.status === 0) return t("wk.err.network");
  if (e.status === 401) return t("wk.err.signedOut");
  const details = (e.details ?? []).map((d) => `${d.path.replace(/^json\./, "")}: ${d.message}`);
  const message = [e.message, ...details].join(" · ");
  if (e.status === 403) return t("wk.err.forbidden", { message });
  if (e.status >= 500) return t("wk.err.server", { code: e.code });
  return t("wk.err.refused", { message });
}

/**
 * What a form says when a save of a versioned record fails: a 409 means the record changed meanwhile (the
 * form is refreshed and can be saved again); anything else as `failureText`.
 */
export function saveFailureText(t: TFunction, e: ApiError): string {
  return e.status === 409 ? t("rp.stale", { message: e.message }) : failureText(t, e);
}

/**
 * A form's save: clears its messages, saves, refreshes what the page shows and says it is saved; when the save
 * fails, says why (and on a 409 refreshes, so that the form shows the record as it is now).
 */
export async function saveAndRefresh(o: {
  t: TFunction;
  save: () => Promise<unknown>;
  refresh: () => Promise<unknown>;
  setGeneral: (text: string | null) => void;
  setSaved: (saved: boolean) => void;
}): Promise<void> {
  o.setGeneral(null);
  o.setSaved(false);
  try {
    await o.save();
    o.setSaved(true);
    await o.refresh();
  } catch (e) {
    const x = apiErrorOf(e);
    o.setGeneral(saveFailureText(o.t, x));
    if (x.status === 409) void o.refresh();
  }
}

/** A new progress update's id: the date and a random suffix (the core's id rule: lower case, digits, -). */
export function newId(prefix: string, date: string): string {
  const rand = Math.random()
    .toString(36)
    .slice(2, 8)
    .replace(/[^a-z0-9]/g, "0");
  return `${prefix}-${date}-${rand}`.toLowerCase();
}
