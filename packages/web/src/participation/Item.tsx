/**
 * One comment or proposal: its author (a pseudonym, "deleted account", a council or expert badge), when it
 * was posted and whether it was edited, its text (or the stub of a deleted or hidden one), its supports,
 * the city's official answer with its state and due date, and what the reader may do with it: support or
 * withdraw, report with a reason, reply (two levels deep), edit within 5 minutes, delete their own.
 */
import {
  ANSWER_STATE_LABELS,
  BADGE_LABELS,
  REPORT_REASON_LABELS,
  REPORT_REASONS,
  type ReportReason,
} from "@citypath/core/participation/vocabulary";
import type { TFunction } from "i18next";
import { memo, type ReactNode, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../api/client.ts";
import { localize } from "../api/model.ts";
import { Link } from "../app/Link.tsx";
import { pathFor } from "../app/router.ts";
import { LocalText } from "../components/LocalText.tsx";
import { formatInstant, formatNumber, type Locale } from "../format.ts";
import { type Contribution, participationCalls } from "./api.ts";
import { EffectView } from "./Effect.tsx";
import type { ItemTexts } from "./item-texts.ts";
import { PostForm } from "./LazyPostForm.tsx";
import { useAgendaNames } from "./names.ts";
import { ReasonList } from "./Reasons.tsx";
import { refusalReasons } from "./text-check.ts";
import { editTimeLeft, mayReplyTo } from "./thread.ts";

export interface Abilities {
  signedIn: boolean;
  contribute: boolean;
  support: boolean;
}

/**
 * One clock for every item on the page (for the edit window): a page of 250 comments keeps one timer, not
 * 250, and each item reads the same minute.
 */
const CLOCK_MS = 15_000;
const clockListeners = new Set<() => void>();
let clockNow = Date.now();
let clockTimer: ReturnType<typeof setInterval> | undefined;
function subscribeClock(listener: () => void): () => void {
  clockListeners.add(listener);
  if (clockTimer === undefined) {
    clockNow = Date.now();
    clockTimer = setInterval(() => {
      clockNow = Date.now();
      for (const l of clockListeners) l();
    }, CLOCK_MS);
  }
  return () => {
    clockListeners.delete(listener);
    if (clockListeners.size === 0 && clockTimer !== undefined) {
      clearInterval(clockTimer);
      clockTimer = undefined;
    }
  };
}
function useNow(): number {
  return useSyncExternalStore(subscribeClock, () => clockNow);
}

/** What every item of a list shares (read once by the list, not once per item). */
export interface ItemEnv {
  t: TFunction;
  texts: ItemTexts;
  locale: Locale;
  slug: string;
  consultationId: string;
  can: Abilities;
  /** Refreshes the lists after a change. */
  refresh(): void;
}

/**
 * One contribution. A page holds up to 250 of them, so an item runs few hooks: the texts and the locale come
 * from the list (`env`), only the reader's own items subscribe to the clock (their edit window), and the
 * report form's state lives in the form, drawn only when it is open.
 */
export const ContributionItem = memo(function ContributionItem(props: {
  env: ItemEnv;
  item: Contribution;
  children?: ReactNode;
}) {
  const { t, texts, locale, slug, can } = props.env;
  const c = props.item;
  const [mode, setMode] = useState<"read" | "reply" | "edit" | "report">("read");
  const [outcome, setOutcome] = useState<{ busy: boolean; message: string | null; error: ApiError | null }>(
    IDLE,
  );
  const headingId = `c-${c.id}-h`;
  const visible = c.moderation === "visible";
  const { busy, message, error } = outcome;

  async function act(run: () => Promise<{ ok: boolean; error?: ApiError }>, done: string): Promise<void> {
    setOutcome({ busy: true, message: null, error: null });
    const r = await run();
    if (!r.ok && r.error) return setOutcome({ busy: false, message: null, error: r.error });
    setOutcome({ busy: false, message: done, error: null });
    props.env.refresh();
  }
  const said = (m: string) => setOutcome({ busy: false, message: m, error: null });

  const author = c.author.deleted ? t("pt.comments.deletedAccount") : (c.author.name ?? "");
  const stub =
    c.moderation === "deleted"
      ? t("pt.comments.deleted")
      : c.moderation === "hidden_pending_review"
        ? t("pt.comments.pending")
        : c.moderation === "hidden"
          ? t("pt.comments.hidden")
          : null;
  return (
    <article
      id={`contribution-${c.id}`}
      className={`pt-item pt-item--${c.kind}`}
      aria-labelledby={headingId}
      data-contribution={c.id}
    >
      <header className="pt-item__head">
        {c.kind === "proposal" && c.title ? (
          <h3 id={headingId}>{c.title}</h3>
        ) : (
          <h3 id={headingId} className="pt-item__author">
            {author}
          </h3>
        )}
        <p className="card__meta">
          {c.kind === "proposal" && <span>{author}</span>}
          {c.author.badge && (
            <span className="badge badge--official" data-badge={c.author.badge}>
              {localize(BADGE_LABELS[c.author.badge], locale)}
            </span>
          )}
          {c.author.me && <span className="badge">{t("pt.comments.me")}</span>}
          <time dateTime={c.created_at}>{formatInstant(c.created_at, locale)}</time>
          {c.edited_at && (
            <span className="muted" title={formatInstant(c.edited_at, locale)}>
              ({texts.edited})
            </span>
          )}
          {c.illustrative && <span className="badge badge--warn">{texts.illustrative}</span>}
        </p>
      </header>
      {stub ? (
        <p className="muted pt-item__stub">{stub}</p>
      ) : mode === "edit" ? (
        <PostForm
          id={`edit-${c.id}`}
          kind="edit"
          heading={t("pt.act.edit")}
          initial={{ text: c.text ?? "", ...(c.kind === "proposal" ? { title: c.title ?? "" } : {}) }}
          submitLabel={t("pt.act.save")}
          send={(v) =>
            participationCalls().edit(slug, c.id, {
              base_version: c.version,
              text: v.text,
              ...(c.kind === "proposal" ? { title: v.title } : {}),
              confirm_personal_data: v.confirm,
            })
          }
          onDone={() => {
            setMode("read");
            said(t("pt.act.saved"));
            props.env.refresh();
          }}
          onCancel={() => setMode("read")}
        />
      ) : (
        <p className="pt-item__text">{c.text}</p>
      )}
      {c.kind === "proposal" && visible && (
        <p className="muted">
          {c.proposal?.scenario
            ? t("pt.proposals.scenario", { scenario: c.proposal.scenario.scenario })
            : t("pt.proposals.noScenario")}
        </p>
      )}
      {c.kind === "proposal" && c.proposal?.scenario && c.moderation !== "deleted" && (
        <EffectDisclosure slug={slug} id={c.id} />
      )}
      <Answer item={c} t={t} texts={texts} locale={locale} />
      <div className="button-row pt-item__acts">
        <span data-testid="supports">{texts.supports(formatNumber(c.supports, locale))}</span>
        {visible && can.support && (
          <button
            type="button"
            className="button button--secondary"
            aria-pressed={c.supported}
            disabled={busy}
            onClick={() =>
              void act(
                () =>
                  c.supported
                    ? participationCalls().withdraw(slug, c.id)
                    : participationCalls().support(slug, c.id),
                c.supported ? t("pt.act.done") : t("pt.act.supported"),
              )
            }
          >
            {c.supported ? t("pt.act.withdraw") : t("pt.act.support")}
          </button>
        )}
        {visible && can.contribute && c.kind === "comment" && mayReplyTo(c) && mode === "read" && (
          <button type="button" className="button button--secondary" onClick={() => setMode("reply")}>
            {t("pt.act.reply")}
          </button>
        )}
        {c.author.me && visible && mode === "read" && (
          <EditButton item={c} t={t} onEdit={() => setMode("edit")} />
        )}
        {c.author.me && c.moderation !== "deleted" && mode === "read" && (
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            onClick={() => {
              if (window.confirm(t("pt.act.removeConfirm")))
                void act(() => participationCalls().remove(slug, c.id), t("pt.act.removed"));
            }}
          >
            {t("pt.act.remove")}
          </button>
        )}
        {visible && can.signedIn && !c.author.me && mode === "read" && (
          <button type="button" className="button button--secondary" onClick={() => setMode("report")}>
            {t("pt.act.report")}
          </button>
        )}
      </div>
      {mode === "report" && (
        <ReportForm
          env={props.env}
          item={c}
          busy={busy}
          send={(reason) =>
            act(async () => {
              const r = await participationCalls().report(slug, c.id, reason);
              if (r.ok) {
                setMode("read");
                if (r.data.hidden) setTimeout(() => said(t("pt.act.reportedHidden")), 0);
              }
              return r;
            }, t("pt.act.reported"))
          }
          onCancel={() => setMode("read")}
        />
      )}
      {(message || error) && (
        <div role="status" className={error ? "field__error" : "muted"}>
          {error ? <ReasonList reasons={refusalReasons(error)} /> : message}
        </div>
      )}
      {mode === "reply" && (
        <PostForm
          id={`reply-${c.id}`}
          kind="reply"
          heading={t("pt.post.replyTitle")}
          submitLabel={t("pt.post.submit")}
          send={(v) =>
            participationCalls().comment(slug, props.env.consultationId, {
              text: v.text,
              parent: c.id,
              confirm_personal_data: v.confirm,
            })
          }
          onDone={() => {
            setMode("read");
            said(t("pt.post.posted"));
            props.env.refresh();
          }}
          onCancel={() => setMode("read")}
        />
      )}
      {props.children}
    </article>
  );
});

const IDLE = { busy: false, message: null, error: null } as const;

/** The edit button of the reader's own item while its edit window lasts (the one per-item clock reader). */
function EditButton(props: { item: Contribution; t: TFunction; onEdit(): void }) {
  const left = editTimeLeft(props.item, useNow());
  if (left <= 0) return null;
  return (
    <button
      type="button"
      className="button button--secondary"
      onClick={props.onEdit}
      title={props.t("pt.act.editLeft", { minutes: Math.ceil(left / 60_000) })}
    >
      {props.t("pt.act.edit")}
    </button>
  );
}

function ReportForm(props: {
  env: ItemEnv;
  item: Contribution;
  busy: boolean;
  send(reason: ReportReason): Promise<void>;
  onCancel(): void;
}) {
  const { t, locale } = props.env;
  const [reason, setReason] = useState<ReportReason>("spam");
  const c = props.item;
  return (
    <form
      className="pt-report button-row"
      onSubmit={(e) => {
        e.preventDefault();
        void props.send(reason);
      }}
    >
      <label htmlFor={`report-${c.id}`}>{t("pt.act.reportTitle")}</label>
      <select
        id={`report-${c.id}`}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value as ReportReason)}
      >
        {REPORT_REASONS.map((r) => (
          <option key={r} value={r}>
            {localize(REPORT_REASON_LABELS[r], locale)}
          </option>
        ))}
      </select>
      <button type="submit" className="button" disabled={props.busy}>
        {t("pt.act.reportSend")}
      </button>
      <button type="button" className="button button--secondary" onClick={props.onCancel}>
        {t("pt.act.cancel")}
      </button>
    </form>
  );
}

function EffectDisclosure(props: { slug: string; id: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details className="pt-effect-details" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t("pt.effect.show")}</summary>
      {open && <EffectView slug={props.slug} contribution={props.id} />}
    </details>
  );
}

/** An action named by its id in an answer's links: its name (linked to its page) once the agenda's names are in. */
function ActionName(props: { id: string; locale: Locale }) {
  const name = useAgendaNames()?.actions.get(props.id);
  return (
    <Link href={pathFor(props.locale, { page: "action", actionId: props.id })}>
      {name ? localize(name, props.locale) : props.id}
    </Link>
  );
}

function Answer(props: { item: Contribution; t: TFunction; texts: ItemTexts; locale: Locale }) {
  const { t, texts, locale } = props;
  const c = props.item;
  const a = c.answer;
  const answerable = c.kind === "proposal" || c.depth === 0;
  if (!answerable || c.moderation === "deleted") return null;
  const final = a?.answered_at;
  return (
    <div className={`pt-answer${c.overdue ? " pt-answer--overdue" : ""}`} data-testid="answer">
      {a && a.state !== "not_answered" ? (
        <>
          <p>
            <strong>{t("pt.answer.title")}</strong>{" "}
            <span className="badge" data-state={a.state}>
              {localize(ANSWER_STATE_LABELS[a.state], locale)}
            </span>{" "}
            {final && <span className="muted">{texts.answeredAt(formatInstant(final, locale))}</span>}
          </p>
          <p>
            <LocalText text={a.text} locale={locale} />
          </p>
          {a.links.length > 0 && (
            <>
              <p className="muted">{t("pt.answer.links")}</p>
              <ul>
                {a.links.map((l) => (
                  <li key={`${l.kind}-${l.id}`}>
                    {t(`pt.answer.linkKinds.${l.kind}`)}:{" "}
                    {l.kind === "target" ? <code>{l.id}</code> : <ActionName id={l.id} locale={locale} />}
                    {l.note && (
                      <>
                        {" ("}
                        <LocalText text={l.note} locale={locale} />)
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : null}
      {!final && (
        <p className={c.overdue ? "field__error" : "muted"}>
          {c.overdue
            ? texts.overdue(formatInstant(c.due_at, locale))
            : texts.due(formatInstant(c.due_at, locale))}
        </p>
      )}
    </div>
  );
}
