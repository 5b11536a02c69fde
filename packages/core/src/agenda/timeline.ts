/**
 * How an action's history and an indicator's values read in public: status changes (with their reason) and
 * progress updates as one dated list, oldest first; an indicator's city-wide values (a value for one
 * district is not the city's).
 */

/** One dated entry of an action's history; `status` when the entry is a status change. */
export interface TimelineEntry<T> {
  readonly date: string;
  readonly text: T;
  readonly status?: string;
}

/** Status changes and progress updates merged by date (ISO dates compare as text); on one date, changes first. */
export function actionTimeline<T>(
  statusHistory: ReadonlyArray<{ readonly status: string; readonly date: string; readonly reason: T }>,
  progress: ReadonlyArray<{ readonly date: string; readonly text: T }>,
): TimelineEntry<T>[] {
  const entries: TimelineEntry<T>[] = [
    ...statusHistory.map((h) => ({ date: h.date, text: h.reason, status: h.status })),
    ...progress.map((p) => ({ date: p.date, text: p.text })),
  ];
  // a stable sort keeps the written order of entries of one date
  return entries.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** The observations that are the city's own (no district). */
export function cityWide<O extends { readonly district?: string | undefined }>(observed: readonly O[]): O[] {
  return observed.filter((o) => o.district === undefined);
}
