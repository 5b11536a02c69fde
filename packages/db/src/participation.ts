/**
 * The participation repository (`store.participation`): consultations, comments and proposals with their
 * edit history, supports (one per person per contribution, by the primary key), official answers, reports
 * and moderation, blocks, and the census kept as keyed hashes.
 *
 * Every write runs in one transaction (the caller's, or its own); the server records each in the audit
 * trail in the same transaction (`contributionRef` is what the trail holds of a contribution: references
 * and the SHA-256 of its text, never the text, so deleting it is real). Rules (who may, lengths, depth,
 * the edit window) are the core's; this module keeps what the database must guarantee: uniqueness of
 * supports and reports, counts that match their rows, versions.
 */
import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import { CitypathError, ConflictError, problem, type TenantId } from "@citypath/core";
import {
  type AnswerLinkKind,
  type AnswerState,
  type Badge,
  type CommentSort,
  type Consultation,
  type ContributionKind,
  type FigureContribution,
  type FigureSupport,
  type ModerationState,
  type ModeratorAction,
  type ReportReason,
  stateAfterModeration,
  stateAfterReports,
} from "@citypath/core/participation/index";
import { and, asc, count, desc, eq, gte, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import { type AuditRecord, auditBodyPieces, auditStream } from "./audit.ts";
import type { Db } from "./connect.ts";
import { sqlState } from "./errors.ts";
import * as t from "./schema.ts";

export interface ConsultationRecord {
  readonly version: number;
  readonly consultation: Consultation;
  readonly updatedAt: Date;
}

/** What the answer changed in the agenda (core's AnswerLink; the note in Korean, English where entered). */
export interface AnswerLink {
  readonly kind: AnswerLinkKind;
  readonly id: string;
  readonly note?: { readonly ko: string; readonly en?: string | undefined } | undefined;
}

export interface AnswerRecord {
  readonly state: AnswerState;
  readonly text: { ko: string; en?: string | undefined };
  readonly links: readonly AnswerLink[];
  readonly department: string;
  readonly answeredBy: string | null;
  readonly answeredAt: Date | null;
  readonly version: number;
  readonly updatedAt: Date;
}

export interface ContributionRecord {
  readonly id: string;
  readonly consultationId: string;
  readonly kind: ContributionKind;
  readonly parentId: string | null;
  readonly rootId: string;
  readonly depth: number;
  readonly authorId: string | null;
  readonly authorKey: string;
  readonly authorName: string;
  readonly badge: Badge | null;
  readonly title: string | null;
  readonly text: string;
  readonly instanceId: string | null;
  readonly instanceVersion: number | null;
  readonly scenario: unknown;
  readonly moderation: ModerationState;
  readonly supportCount: number;
  readonly reportCount: number;
  readonly dueAt: Date;
  readonly illustrative: boolean;
  readonly version: number;
  readonly createdAt: Date;
  readonly editedAt: Date | null;
  /** The official answer, when one was given. */
  readonly answer: AnswerRecord | null;
}

export interface ContributionEditRecord {
  readonly version: number;
  readonly title: string | null;
  readonly text: string;
  readonly replacedAt: Date;
}

export interface NewContribution {
  readonly id?: string;
  readonly consultationId: string;
  readonly kind: ContributionKind;
  /** The comment replied to; its thread and depth are taken from it (the caller checked the depth rule). */
  readonly parent?: { readonly id: string; readonly rootId: string; readonly depth: number } | undefined;
  /** The author's account; null for illustrative demo contributions, which name no account. */
  readonly authorId: string | null;
  /** Who counts as the author in the figures (default: the account id). */
  readonly authorKey?: string;
  readonly authorName: string;
  readonly badge: Badge | null;
  readonly title?: string | null;
  readonly text: string;
  readonly instanceId?: string | null;
  readonly instanceVersion?: number | null;
  readonly scenario?: unknown;
  readonly dueAt: Date;
  readonly createdAt: Date;
  readonly illustrative?: boolean;
}

export interface ContributionPage {
  /** Top-level items (comments at depth 0, or proposals) in the whole consultation. */
  readonly total: number;
  /** The page's top-level items in order, each comment followed by its replies (oldest first). */
  readonly items: readonly ContributionRecord[];
}

export interface SupportResult {
  /** Whether this request changed anything (false: it was already supported, or not supported). */
  readonly changed: boolean;
  readonly supportCount: number;
  /** The audit record written with the change (asked for, and the row changed). */
  readonly audit?: AuditRecord;
}

/** Who gives or withdraws a support, for its audit record (null: the system). */
export interface SupportAudit {
  readonly actorId: string | null;
}

export interface ReportResult {
  readonly changed: boolean;
  readonly reportCount: number;
  readonly moderation: ModerationState;
}

export interface FollowTarget {
  readonly kind: "consultation" | "contribution";
  readonly id: string;
}

export interface AccountParticipation {
  readonly contributions: (ContributionRecord & { readonly tenantId: string })[];
  readonly supports: { tenantId: string; contributionId: string; createdAt: Date }[];
  readonly reports: { tenantId: string; contributionId: string; reason: ReportReason; createdAt: Date }[];
  readonly verifications: { tenantId: string; verifiedAt: Date }[];
  readonly blocks: { tenantId: string; reason: string; createdAt: Date }[];
  readonly follows: (FollowTarget & { tenantId: string; createdAt: Date })[];
}

export interface ForgottenAccount {
  readonly contributions: number;
  readonly textsRemoved: number;
  readonly supports: number;
  readonly reports: number;
}

export interface FigureWindow {
  readonly from: Date;
  readonly to: Date;
  readonly asOf: Date;
}

export interface ParticipationRepository {
  /** Creates (baseVersion 0) or replaces (baseVersion = current) a consultation; CONFLICT otherwise. */
  saveConsultation(tenantId: TenantId, c: Consultation, baseVersion: number): Promise<ConsultationRecord>;
  consultation(tenantId: TenantId, id: string): Promise<ConsultationRecord | undefined>;
  /** Every consultation, newest opening first, with the count of contributions each has. */
  consultations(
    tenantId: TenantId,
    filter?: { subject?: { kind: string; id: string } },
  ): Promise<(ConsultationRecord & { contributions: number })[]>;

  addContribution(tenantId: TenantId, c: NewContribution): Promise<ContributionRecord>;
  contribution(tenantId: TenantId, id: string): Promise<ContributionRecord | undefined>;
  /**
   * A contribution and its consultation, read in one query (what every act on a contribution checks); with
   * `standingOf`, the same query also reads that account's standing in the city (blocked, verified resident).
   */
  contributionIn(
    tenantId: TenantId,
    id: string,
    standingOf?: string,
  ): Promise<
    | {
        contribution: ContributionRecord;
        consultation: ConsultationRecord;
        standing?: { blocked: boolean; resident: boolean };
      }
    | undefined
  >;
  /** A page of comment threads or proposals. */
  page(
    tenantId: TenantId,
    consultationId: string,
    kind: ContributionKind,
    opts: { sort: CommentSort; page: number; pageSize: number; badge?: Badge | undefined },
  ): Promise<ContributionPage>;
  /** Replaces the text (and a proposal's title) at `baseVersion`, keeping the previous text in the history. */
  editContribution(
    tenantId: TenantId,
    id: string,
    change: { text: string; title?: string | null },
    baseVersion: number,
    at: Date,
  ): Promise<ContributionRecord>;
  edits(tenantId: TenantId, id: string): Promise<ContributionEditRecord[]>;
  /** The author deletes: the text and its history are removed; the thread keeps a "deleted" stub. */
  deleteContribution(tenantId: TenantId, id: string): Promise<ContributionRecord>;

  /**
   * Gives a support, in one statement (migration 0033, decision 0072): the support's row, the count and, with
   * `audited`, the audit record when the row changed (action "support", entity "contribution_support", after
   * `{supports: n}`), so that all or none of them happen without a transaction of the caller's.
   */
  support(
    tenantId: TenantId,
    contributionId: string,
    supporter: string,
    audited?: SupportAudit,
  ): Promise<SupportResult>;
  /** Withdraws a support, as `support` gives one (action "withdraw"). */
  withdrawSupport(
    tenantId: TenantId,
    contributionId: string,
    supporter: string,
    audited?: SupportAudit,
  ): Promise<SupportResult>;
  /** Which of the contributions the person supports. */
  supportedBy(
    tenantId: TenantId,
    supporter: string,
    contributionIds: readonly string[],
  ): Promise<Set<string>>;

  /** Sets the official answer at `baseVersion` (0 for the first answer). */
  answer(
    tenantId: TenantId,
    contributionId: string,
    a: Omit<AnswerRecord, "version" | "updatedAt">,
    baseVersion: number,
  ): Promise<AnswerRecord>;

  /** One report per person per contribution; at 3 reports a visible contribution is hidden pending review. */
  report(
    tenantId: TenantId,
    contributionId: string,
    reporter: string,
    reason: ReportReason,
    at: Date,
  ): Promise<ReportResult>;
  /** A moderator hides or restores; a restore clears the reports. CONFLICT when it changes nothing. */
  moderate(tenantId: TenantId, contributionId: string, action: ModeratorAction): Promise<ContributionRecord>;
  /** Contributions hidden pending review, then visible ones with reports, most reported first. */
  moderationQueue(tenantId: TenantId, limit?: number): Promise<ContributionRecord[]>;
  reportsOf(
    tenantId: TenantId,
    contributionId: string,
  ): Promise<{ reporter: string; reason: ReportReason; createdAt: Date }[]>;
  block(
    tenantId: TenantId,
    userId: string,
    reason: string,
    blockedBy: string | null,
    at: Date,
  ): Promise<void>;
  unblock(tenantId: TenantId, userId: string): Promise<boolean>;
  blocked(tenantId: TenantId, userId: string): Promise<{ reason: string; createdAt: Date } | undefined>;

  /** The tenant's census secret, made on first use. */
  censusSecret(tenantId: TenantId): Promise<Buffer>;
  /**
   * Replaces the census with these keyed hashes (censusHash), given at once or in batches as they come (a
   * census file streamed); one transaction. Returns how many distinct entries it holds.
   */
  replaceCensus(
    tenantId: TenantId,
    hashes: readonly string[] | AsyncIterable<readonly string[]>,
  ): Promise<number>;
  censusSize(tenantId: TenantId): Promise<number>;
  /**
   * Verifies the account as a resident when the hash is in the census and no other account used it:
   * "verified", "not_found", or "taken" (the entry verified another account).
   */
  verifyResident(
    tenantId: TenantId,
    userId: string,
    hash: string,
    at: Date,
  ): Promise<"verified" | "not_found" | "taken">;
  isResident(tenantId: TenantId, userId: string): Promise<boolean>;
  /** Whether the account is blocked in the city and is a verified resident of it, in one query. */
  standing(tenantId: TenantId, userId: string): Promise<{ blocked: boolean; resident: boolean }>;

  /** Follows a consultation or contribution (false: followed already). */
  follow(tenantId: TenantId, userId: string, target: FollowTarget, at: Date): Promise<boolean>;
  unfollow(tenantId: TenantId, userId: string, target: FollowTarget): Promise<boolean>;
  /** Which of the targets the person follows. */
  followed(tenantId: TenantId, userId: string, targets: readonly FollowTarget[]): Promise<FollowTarget[]>;
  /** The accounts following any of the targets (each once). */
  followers(tenantId: TenantId, targets: readonly FollowTarget[]): Promise<string[]>;

  /**
   * Proposals and top-level comments of these consultations without a final answer (not deleted), due
   * first.
   */
  awaitingAnswer(tenantId: TenantId, consultationIds: readonly string[]): Promise<ContributionRecord[]>;
  /**
   * Every contribution of these consultations that its author did not delete, with its answer, oldest first
   * (the open data).
   */
  contributionsOf(tenantId: TenantId, consultationIds: readonly string[]): Promise<ContributionRecord[]>;
  /** Contributions whose official answer links this agenda action (its status, or as a new action). */
  answersLinking(tenantId: TenantId, actionId: string): Promise<ContributionRecord[]>;

  /** Everything participation holds of an account, in every city ("my data"). */
  accountData(userId: string): Promise<AccountParticipation>;
  /**
   * Removes an account from participation in every city, in the caller's transaction with the account's
   * deletion: its contributions stay under "deleted account" (author and author key replaced by a random key,
   * edit history removed; with `removeTexts` the texts, titles and scenarios go too and they show as deleted);
   * supports and reports keep their counts under the same random key; verifications, blocks and follows go.
   */
  forgetAccount(userId: string, removeTexts: boolean): Promise<ForgottenAccount>;

  /**
   * A consultation's contributions and supports in the core's shape for its figures. With a window: only
   * contributions made from `from` until before `to`, and as things stood at `asOf` (supports given before
   * it; an answer given later counts as not answered yet).
   */
  figureInputs(
    tenantId: TenantId,
    consultationId: string,
    window?: FigureWindow,
  ): Promise<{ contributions: FigureContribution[]; supports: FigureSupport[] }>;
}

/** SHA-256 of a text, hex: what the audit trail keeps of a contribution's text. */
export function textHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** What the audit trail records of a contribution: references and the hash of its text. */
export function contributionRef(c: ContributionRecord): {
  consultation: string;
  kind: ContributionKind;
  parent: string | null;
  author: string | null;
  text_sha256: string;
  title_sha256: string | null;
  moderation: ModerationState;
  version: number;
} {
  return {
    consultation: c.consultationId,
    kind: c.kind,
    parent: c.parentId,
    author: c.authorId,
    text_sha256: textHash(c.text),
    title_sha256: c.title === null ? null : textHash(c.title),
    moderation: c.moderation,
    version: c.version,
  };
}

/**
 * The census key of a person's details: HMAC-SHA-256 with the tenant's secret over the details, each
 * normalised (NFKC, trimmed, inner spaces collapsed, lower-case) and joined by a separator no detail holds.
 */
export function censusHash(secret: Buffer, details: readonly string[]): string {
  const norm = details.map((d) => d.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase());
  return createHmac("sha256", secret).update(norm.join("\u001f")).digest("base64url");
}

const answerOf = (r: typeof t.contributionAnswer.$inferSelect | null): AnswerRecord | null =>
  r
    ? {
        state: r.state as AnswerState,
        text: r.text as AnswerRecord["text"],
        links: r.links as AnswerLink[],
        department: r.department,
        answeredBy: r.answeredBy,
        answeredAt: r.answeredAt,
        version: r.version,
        updatedAt: r.updatedAt,
      }
    : null;

const contributionOf = (
  r: typeof t.contribution.$inferSelect,
  a: typeof t.contributionAnswer.$inferSelect | null,
): ContributionRecord => ({
  id: r.id,
  consultationId: r.consultationId,
  kind: r.kind as ContributionKind,
  parentId: r.parentId,
  rootId: r.rootId,
  depth: r.depth,
  authorId: r.authorId,
  authorKey: r.authorKey,
  authorName: r.authorName,
  badge: r.badge as Badge | null,
  title: r.title,
  text: r.text,
  instanceId: r.instanceId,
  instanceVersion: r.instanceVersion,
  scenario: r.scenario,
  moderation: r.moderation as ModerationState,
  supportCount: r.supportCount,
  reportCount: r.reportCount,
  dueAt: r.dueAt,
  illustrative: r.illustrative,
  version: r.version,
  createdAt: r.createdAt,
  editedAt: r.editedAt,
  answer: answerOf(a),
});

const consultationOf = (r: typeof t.consultation.$inferSelect): ConsultationRecord => ({
  version: r.version,
  consultation: r.document as Consultation,
  updatedAt: r.updatedAt,
});

const targetsIn = (targets: readonly FollowTarget[]): SQL =>
  or(
    ...targets.map((x) =>
      and(eq(t.participationFollow.targetKind, x.kind), eq(t.participationFollow.targetId, x.id)),
    ),
  )!;

/** An account's standing in a city as two columns of a query: blocked, and a verified resident. */
const standingFields = (tenantId: string, userId: string) => ({
  blocked: sql<boolean>`exists (select 1 from ${t.participationBlock} where ${t.participationBlock.tenantId} = ${tenantId} and ${t.participationBlock.userId} = ${userId})`,
  resident: sql<boolean>`exists (select 1 from ${t.residentVerification} where ${t.residentVerification.tenantId} = ${tenantId} and ${t.residentVerification.userId} = ${userId})`,
});

/**
 * `contributionIn` with the caller's standing, built once per handle (a named prepared statement on
 * PostgreSQL): every support and report asks it.
 */
function contributionStandingQuery(db: Db) {
  const C = t.contribution;
  const A = t.contributionAnswer;
  const K = t.consultation;
  const tenant = sql`${sql.placeholder("tenant")}::text`;
  const user = sql`${sql.placeholder("user")}::text`;
  return db
    .select({
      c: C,
      a: A,
      k: K,
      blocked: sql<boolean>`exists (select 1 from ${t.participationBlock} where ${t.participationBlock.tenantId} = ${tenant} and ${t.participationBlock.userId} = ${user})`,
      resident: sql<boolean>`exists (select 1 from ${t.residentVerification} where ${t.residentVerification.tenantId} = ${tenant} and ${t.residentVerification.userId} = ${user})`,
    })
    .from(C)
    .innerJoin(K, and(eq(K.tenantId, C.tenantId), eq(K.id, C.consultationId)))
    .leftJoin(A, and(eq(A.tenantId, C.tenantId), eq(A.contributionId, C.id)))
    .where(and(eq(C.tenantId, tenant), eq(C.id, sql`${sql.placeholder("id")}::text`)))
    .prepare("citypath_contribution_standing");
}

/** The call of citypath_support_change (migration 0033), built once per handle as a prepared statement. */
function supportChangeQuery(db: Db) {
  const p = (name: string, type: string) => sql`${sql.placeholder(name)}::${sql.raw(type)}`;
  return db
    .select({
      changed: sql<boolean>`r_changed`,
      count: sql<number | null>`r_count`,
      seq: sql<string | number | null>`r_seq`,
      atMs: sql<string | number | null>`floor(extract(epoch from r_at) * 1000)::bigint`,
      prevHash: sql<string | null>`r_prev_hash`,
      hash: sql<string | null>`r_hash`,
    })
    .from(
      // no notice from the statement: the store tells other processes after the commit (decision 0079)
      sql`citypath_support_change(${p("tenant", "text")}, ${p("contribution", "text")}, ${p("supporter", "text")}, ${p("on", "boolean")}, null::text, null::text, ${p("stream", "smallint")}, ${p("actor", "text")}, ${p("action", "text")}, ${p("before", "text")}, ${p("after", "text")}, ${p("mid", "text")}, ${p("tail", "text")})`,
    )
    .prepare("citypath_support_change");
}

function notFound(what: string): CitypathError {
  return new CitypathError(problem("NOT_FOUND", what));
}

export function participationRepository(
  db: Db,
  inTx: boolean,
  bump: (tenantId: string) => void,
): ParticipationRepository {
  const tx = <T>(fn: (d: Db) => Promise<T>): Promise<T> => (inTx ? fn(db) : db.transaction((d) => fn(d)));
  const C = t.contribution;
  const A = t.contributionAnswer;
  const key = (tenantId: string, id: string): SQL => and(eq(C.tenantId, tenantId), eq(C.id, id))!;
  /** Contributions with their answers (a left join: most have none). */
  const withAnswers = (d: Db = db) =>
    d
      .select({ c: C, a: A })
      .from(C)
      .leftJoin(A, and(eq(A.tenantId, C.tenantId), eq(A.contributionId, C.id)));
  const records = (rows: { c: typeof C.$inferSelect; a: typeof A.$inferSelect | null }[]) =>
    rows.map((r) => contributionOf(r.c, r.a));
  /** The contributions of these consultations that their authors did not delete, and `more`. */
  const ofConsultations = (tenantId: string, consultationIds: readonly string[], ...more: SQL[]) =>
    and(
      eq(C.tenantId, tenantId),
      inArray(C.consultationId, [...consultationIds]),
      sql`${C.moderation} <> 'deleted'`,
      ...more,
    );

  let supportChange: ReturnType<typeof supportChangeQuery> | undefined;
  let contributionStanding: ReturnType<typeof contributionStandingQuery> | undefined;

  async function readContribution(d: Db, tenantId: string, id: string, lock = false) {
    const q = withAnswers(d).where(key(tenantId, id));
    const [r] = lock ? await q.for("update", { of: C }) : await q;
    return r ? contributionOf(r.c, r.a) : undefined;
  }

  /**
   * Gives (on) or withdraws a support in one statement (citypath_support_change, migration 0033): the row by
   * its primary key, so that many requests at once change it once, the count with it, and the audit record
   * when asked for and the row changed. Other processes are told once it has committed, gathered with this
   * process's other writes (decision 0079): the statement sends no notice of its own.
   */
  async function changeSupport(
    tenantId: string,
    contributionId: string,
    supporter: string,
    on: boolean,
    audited: SupportAudit | undefined,
  ): Promise<SupportResult> {
    const action = on ? "support" : "withdraw";
    const entity = "contribution_support";
    let record: Omit<AuditRecord, "hash" | "seq" | "at" | "prevHash"> | undefined;
    let pieces: { before: string; after: string; mid: string; tail: string } | undefined;
    if (audited) {
      const stream = auditStream({ actorId: audited.actorId, entity, entityId: contributionId });
      record = {
        tenantId,
        stream,
        actorId: audited.actorId,
        action,
        entity,
        entityId: contributionId,
        version: null,
        before: null,
        after: { supports: 0 },
      };
      // the canonical JSON's head ends with `"after":{"supports":<n>},"at":`; n goes in between
      const { head, mid, tail } = auditBodyPieces(record);
      const end = '0},"at":';
      if (!head.endsWith(`"after":{"supports":${end}`))
        throw new Error("unexpected audit body for a support");
      pieces = { before: head.slice(0, -end.length), after: '},"at":', mid, tail };
    }
    supportChange ??= supportChangeQuery(db);
    const [r] = await supportChange.execute({
      tenant: tenantId,
      contribution: contributionId,
      supporter,
      on,
      stream: record?.stream ?? null,
      actor: record?.actorId ?? null,
      action,
      before: pieces?.before ?? null,
      after: pieces?.after ?? null,
      mid: pieces?.mid ?? null,
      tail: pieces?.tail ?? null,
    });
    if (!r) throw new Error("citypath_support_change returned nothing");
    if (r.changed) bump(tenantId);
    const supportCount = Number(r.count ?? 0);
    if (!r.changed || !record || r.hash === null || r.prevHash === null)
      return { changed: r.changed, supportCount };
    return {
      changed: true,
      supportCount,
      audit: {
        ...record,
        after: { supports: supportCount },
        seq: Number(r.seq),
        at: new Date(Number(r.atMs)),
        prevHash: r.prevHash,
        hash: r.hash,
      },
    };
  }

  const cols = (c: Consultation) => ({
    status: c.status,
    subjectKind: c.subject.kind,
    subjectId: c.subject.id,
    audience: c.audience,
    opensAt: new Date(c.opens_at),
    closesAt: new Date(c.closes_at),
    department: c.department,
    answerDueDays: c.answer_due_days,
    illustrative: c.illustrative,
    document: c,
  });

  const repo: ParticipationRepository = {
    async saveConsultation(tenantId, c, baseVersion) {
      const rec = await tx(async (d) => {
        const rows =
          baseVersion === 0
            ? await d
                .insert(t.consultation)
                .values({ tenantId, id: c.id, version: 1, ...cols(c) })
                .onConflictDoNothing()
                .returning()
            : await d
                .update(t.consultation)
                .set({ ...cols(c), version: baseVersion + 1, updatedAt: new Date() })
                .where(
                  and(
                    eq(t.consultation.tenantId, tenantId),
                    eq(t.consultation.id, c.id),
                    eq(t.consultation.version, baseVersion),
                  ),
                )
                .returning();
        if (rows[0]) return consultationOf(rows[0]);
        // read in the same transaction (PGlite has one connection: a read outside it would wait for it)
        const [curRow] = await d
          .select()
          .from(t.consultation)
          .where(and(eq(t.consultation.tenantId, tenantId), eq(t.consultation.id, c.id)));
        const cur = curRow && consultationOf(curRow);
        if (!cur) throw notFound(`No consultation "${c.id}".`);
        throw new ConflictError(
          baseVersion === 0
            ? `The consultation "${c.id}" exists (version ${cur.version}).`
            : `The consultation "${c.id}" changed since version ${baseVersion}; it is now at ${cur.version}.`,
          cur.version,
        );
      });
      bump(tenantId);
      return rec;
    },

    async consultation(tenantId, id) {
      const [r] = await db
        .select()
        .from(t.consultation)
        .where(and(eq(t.consultation.tenantId, tenantId), eq(t.consultation.id, id)));
      return r && consultationOf(r);
    },

    async consultations(tenantId, filter = {}) {
      const conds: SQL[] = [eq(t.consultation.tenantId, tenantId)];
      if (filter.subject)
        conds.push(
          eq(t.consultation.subjectKind, filter.subject.kind),
          eq(t.consultation.subjectId, filter.subject.id),
        );
      const rows = await db
        .select()
        .from(t.consultation)
        .where(and(...conds))
        .orderBy(desc(t.consultation.opensAt), asc(t.consultation.id));
      const counts = await db
        .select({ id: C.consultationId, n: count() })
        .from(C)
        .where(and(eq(C.tenantId, tenantId), sql`${C.moderation} <> 'deleted'`))
        .groupBy(C.consultationId);
      const byId = new Map(counts.map((r) => [r.id, Number(r.n)]));
      return rows.map((r) => ({ ...consultationOf(r), contributions: byId.get(r.id) ?? 0 }));
    },

    async addContribution(tenantId, c) {
      const id = c.id ?? randomUUID();
      const rec = await tx(async (d) => {
        const [r] = await d
          .insert(C)
          .values({
            tenantId,
            id,
            consultationId: c.consultationId,
            kind: c.kind,
            parentId: c.parent?.id ?? null,
            rootId: c.parent?.rootId ?? id,
            depth: c.parent ? c.parent.depth + 1 : 0,
            authorId: c.authorId,
            authorKey: c.authorKey ?? c.authorId ?? `example:${id}`,
            authorName: c.authorName,
            badge: c.badge,
            title: c.kind === "proposal" ? (c.title ?? "") : null,
            text: c.text,
            instanceId: c.instanceId ?? null,
            instanceVersion: c.instanceVersion ?? null,
            scenario: c.scenario ?? null,
            dueAt: c.dueAt,
            createdAt: c.createdAt,
            illustrative: c.illustrative ?? false,
          })
          .onConflictDoNothing()
          .returning();
        if (!r) throw new ConflictError(`A contribution "${id}" exists.`);
        return contributionOf(r, null);
      });
      bump(tenantId);
      return rec;
    },

    contribution: (tenantId, id) => readContribution(db, tenantId, id),

    async contributionIn(tenantId, id, standingOf) {
      if (standingOf !== undefined) {
        contributionStanding ??= contributionStandingQuery(db);
        const [r] = await contributionStanding.execute({ tenant: tenantId, id, user: standingOf });
        if (!r) return undefined;
        return {
          contribution: contributionOf(r.c, r.a),
          consultation: consultationOf(r.k),
          standing: { blocked: r.blocked === true, resident: r.resident === true },
        };
      }
      const K = t.consultation;
      const [r] = await db
        .select({ c: C, a: A, k: K })
        .from(C)
        .innerJoin(K, and(eq(K.tenantId, C.tenantId), eq(K.id, C.consultationId)))
        .leftJoin(A, and(eq(A.tenantId, C.tenantId), eq(A.contributionId, C.id)))
        .where(key(tenantId, id));
      if (!r) return undefined;
      return { contribution: contributionOf(r.c, r.a), consultation: consultationOf(r.k) };
    },

    async page(tenantId, consultationId, kind, opts) {
      const top = and(
        eq(C.tenantId, tenantId),
        eq(C.consultationId, consultationId),
        eq(C.kind, kind),
        eq(C.depth, 0),
        opts.badge ? eq(C.badge, opts.badge) : undefined,
      );
      const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(C).where(top);
      const order =
        opts.sort === "most_supported"
          ? [desc(C.supportCount), desc(C.createdAt), asc(C.id)]
          : opts.sort === "official_first"
            ? [sql`(${C.badge} is null)`, desc(C.createdAt), asc(C.id)]
            : [desc(C.createdAt), asc(C.id)];
      const tops = await withAnswers()
        .where(top)
        .orderBy(...order)
        .limit(opts.pageSize)
        .offset((opts.page - 1) * opts.pageSize);
      const items = tops.map((r) => contributionOf(r.c, r.a));
      if (kind === "proposal" || items.length === 0) return { total: Number(n), items };
      const replies = await withAnswers()
        .where(
          and(
            eq(C.tenantId, tenantId),
            inArray(
              C.rootId,
              items.map((i) => i.id),
            ),
            sql`${C.depth} > 0`,
          ),
        )
        .orderBy(asc(C.createdAt), asc(C.id));
      const byRoot = new Map<string, ContributionRecord[]>();
      for (const r of replies) {
        const rec = contributionOf(r.c, r.a);
        byRoot.set(rec.rootId, [...(byRoot.get(rec.rootId) ?? []), rec]);
      }
      // each reply right after its parent (depth-first, oldest first at each level)
      const out: ContributionRecord[] = [];
      const place = (parent: ContributionRecord, all: ContributionRecord[]) => {
        out.push(parent);
        for (const r of all.filter((x) => x.parentId === parent.id)) place(r, all);
      };
      for (const i of items) place(i, byRoot.get(i.id) ?? []);
      return { total: Number(n), items: out };
    },

    async editContribution(tenantId, id, change, baseVersion, at) {
      const rec = await tx(async (d) => {
        const cur = await readContribution(d, tenantId, id, true);
        if (!cur) throw notFound(`No contribution "${id}".`);
        if (cur.moderation === "deleted")
          throw new ConflictError("The contribution was deleted.", cur.version);
        if (cur.version !== baseVersion)
          throw new ConflictError(
            `The contribution changed since version ${baseVersion}; it is now at ${cur.version}.`,
            cur.version,
          );
        await d.insert(t.contributionEdit).values({
          tenantId,
          contributionId: id,
          version: cur.version,
          title: cur.title,
          text: cur.text,
          replacedAt: at,
        });
        await d
          .update(C)
          .set({
            text: change.text,
            ...(cur.kind === "proposal" && change.title != null ? { title: change.title } : {}),
            version: cur.version + 1,
            editedAt: at,
          })
          .where(key(tenantId, id));
        return (await readContribution(d, tenantId, id))!;
      });
      bump(tenantId);
      return rec;
    },

    async edits(tenantId, id) {
      const rows = await db
        .select()
        .from(t.contributionEdit)
        .where(and(eq(t.contributionEdit.tenantId, tenantId), eq(t.contributionEdit.contributionId, id)))
        .orderBy(asc(t.contributionEdit.version));
      return rows.map((r) => ({
        version: r.version,
        title: r.title,
        text: r.text,
        replacedAt: r.replacedAt,
      }));
    },

    async deleteContribution(tenantId, id) {
      const rec = await tx(async (d) => {
        const cur = await readContribution(d, tenantId, id, true);
        if (!cur) throw notFound(`No contribution "${id}".`);
        if (cur.moderation === "deleted") return cur;
        await d
          .delete(t.contributionEdit)
          .where(and(eq(t.contributionEdit.tenantId, tenantId), eq(t.contributionEdit.contributionId, id)));
        await d
          .update(C)
          .set({
            text: "",
            ...(cur.kind === "proposal" ? { title: "" } : {}),
            scenario: null,
            moderation: "deleted",
            version: cur.version + 1,
          })
          .where(key(tenantId, id));
        return (await readContribution(d, tenantId, id))!;
      });
      bump(tenantId);
      return rec;
    },

    support: (tenantId, contributionId, supporter, audited) =>
      changeSupport(tenantId, contributionId, supporter, true, audited),
    withdrawSupport: (tenantId, contributionId, supporter, audited) =>
      changeSupport(tenantId, contributionId, supporter, false, audited),

    async supportedBy(tenantId, supporter, ids) {
      if (ids.length === 0) return new Set();
      const rows = await db
        .select({ id: t.contributionSupport.contributionId })
        .from(t.contributionSupport)
        .where(
          and(
            eq(t.contributionSupport.tenantId, tenantId),
            eq(t.contributionSupport.supporter, supporter),
            inArray(t.contributionSupport.contributionId, [...ids]),
          ),
        );
      return new Set(rows.map((r) => r.id));
    },

    async answer(tenantId, contributionId, a, baseVersion) {
      const rec = await tx(async (d) => {
        const cur = await readContribution(d, tenantId, contributionId, true);
        if (!cur) throw notFound(`No contribution "${contributionId}".`);
        const have = cur.answer?.version ?? 0;
        if (have !== baseVersion)
          throw new ConflictError(`The answer is at version ${have}, not ${baseVersion}.`, have);
        const values = {
          state: a.state,
          text: a.text,
          links: a.links,
          department: a.department,
          answeredBy: a.answeredBy,
          answeredAt: a.answeredAt,
          version: have + 1,
          updatedAt: new Date(),
        };
        const [r] =
          have === 0
            ? await d
                .insert(A)
                .values({ tenantId, contributionId, ...values })
                .returning()
            : await d
                .update(A)
                .set(values)
                .where(and(eq(A.tenantId, tenantId), eq(A.contributionId, contributionId)))
                .returning();
        return answerOf(r!)!;
      });
      bump(tenantId);
      return rec;
    },

    async report(tenantId, contributionId, reporter, reason, at) {
      const r = await tx(async (d) => {
        const cur = await readContribution(d, tenantId, contributionId, true);
        if (!cur) throw notFound(`No contribution "${contributionId}".`);
        const ins = await d
          .insert(t.contributionReport)
          .values({ tenantId, contributionId, reporter, reason, createdAt: at })
          .onConflictDoNothing()
          .returning({ r: t.contributionReport.reporter });
        if (ins.length === 0)
          return { changed: false, reportCount: cur.reportCount, moderation: cur.moderation };
        const reportCount = cur.reportCount + 1;
        const moderation = stateAfterReports(cur.moderation, reportCount);
        await d.update(C).set({ reportCount, moderation }).where(key(tenantId, contributionId));
        return { changed: true, reportCount, moderation };
      });
      if (r.changed) bump(tenantId);
      return r;
    },

    async moderate(tenantId, contributionId, action) {
      const rec = await tx(async (d) => {
        const cur = await readContribution(d, tenantId, contributionId, true);
        if (!cur) throw notFound(`No contribution "${contributionId}".`);
        const next = stateAfterModeration(cur.moderation, action);
        if (!next.ok) throw new ConflictError(next.reason, cur.version);
        if (action === "restore")
          await d
            .delete(t.contributionReport)
            .where(
              and(
                eq(t.contributionReport.tenantId, tenantId),
                eq(t.contributionReport.contributionId, contributionId),
              ),
            );
        await d
          .update(C)
          .set({
            moderation: next.state,
            ...(action === "restore" ? { reportCount: 0 } : {}),
            version: cur.version + 1,
          })
          .where(key(tenantId, contributionId));
        return (await readContribution(d, tenantId, contributionId))!;
      });
      bump(tenantId);
      return rec;
    },

    async moderationQueue(tenantId, limit = 200) {
      const rows = await withAnswers()
        .where(
          and(
            eq(C.tenantId, tenantId),
            sql`(${C.moderation} = 'hidden_pending_review' or (${C.moderation} = 'visible' and ${C.reportCount} > 0))`,
          ),
        )
        .orderBy(sql`(${C.moderation} <> 'hidden_pending_review')`, desc(C.reportCount), asc(C.createdAt))
        .limit(limit);
      return records(rows);
    },

    async reportsOf(tenantId, contributionId) {
      const rows = await db
        .select()
        .from(t.contributionReport)
        .where(
          and(
            eq(t.contributionReport.tenantId, tenantId),
            eq(t.contributionReport.contributionId, contributionId),
          ),
        )
        .orderBy(asc(t.contributionReport.createdAt));
      return rows.map((r) => ({
        reporter: r.reporter,
        reason: r.reason as ReportReason,
        createdAt: r.createdAt,
      }));
    },

    async block(tenantId, userId, reason, blockedBy, at) {
      await db
        .insert(t.participationBlock)
        .values({ tenantId, userId, reason, blockedBy, createdAt: at })
        .onConflictDoUpdate({
          target: [t.participationBlock.tenantId, t.participationBlock.userId],
          set: { reason, blockedBy, createdAt: at },
        });
      bump(tenantId);
    },

    async unblock(tenantId, userId) {
      const r = await db
        .delete(t.participationBlock)
        .where(and(eq(t.participationBlock.tenantId, tenantId), eq(t.participationBlock.userId, userId)))
        .returning({ u: t.participationBlock.userId });
      if (r.length) bump(tenantId);
      return r.length > 0;
    },

    async blocked(tenantId, userId) {
      const [r] = await db
        .select()
        .from(t.participationBlock)
        .where(and(eq(t.participationBlock.tenantId, tenantId), eq(t.participationBlock.userId, userId)));
      return r && { reason: r.reason, createdAt: r.createdAt };
    },

    async censusSecret(tenantId) {
      const read = async () => {
        const [r] = await db.select().from(t.censusKey).where(eq(t.censusKey.tenantId, tenantId));
        return r && Buffer.from(r.secret, "base64url");
      };
      const have = await read();
      if (have) return have;
      await db
        .insert(t.censusKey)
        .values({ tenantId, secret: randomBytes(32).toString("base64url") })
        .onConflictDoNothing();
      return (await read())!;
    },

    async replaceCensus(tenantId, hashes) {
      const batches: AsyncIterable<readonly string[]> | (readonly string[])[] =
        Symbol.asyncIterator in hashes ? hashes : [hashes];
      const n = await tx(async (d) => {
        await d.delete(t.censusEntry).where(eq(t.censusEntry.tenantId, tenantId));
        for await (const batch of batches) {
          const unique = [...new Set(batch)];
          for (let i = 0; i < unique.length; i += 1000)
            await d
              .insert(t.censusEntry)
              .values(unique.slice(i, i + 1000).map((hash) => ({ tenantId, hash })))
              .onConflictDoNothing();
        }
        const [r] = await d
          .select({ n: count() })
          .from(t.censusEntry)
          .where(eq(t.censusEntry.tenantId, tenantId));
        return Number(r?.n ?? 0);
      });
      bump(tenantId);
      return n;
    },

    async censusSize(tenantId) {
      const [r] = await db
        .select({ n: count() })
        .from(t.censusEntry)
        .where(eq(t.censusEntry.tenantId, tenantId));
      return Number(r?.n ?? 0);
    },

    async verifyResident(tenantId, userId, hash, at) {
      const r = await tx(async (d) => {
        const [hit] = await d
          .select()
          .from(t.censusEntry)
          .where(and(eq(t.censusEntry.tenantId, tenantId), eq(t.censusEntry.hash, hash)));
        if (!hit) return "not_found" as const;
        const [used] = await d
          .select()
          .from(t.residentVerification)
          .where(
            and(eq(t.residentVerification.tenantId, tenantId), eq(t.residentVerification.censusHash, hash)),
          );
        if (used) return used.userId === userId ? ("verified" as const) : ("taken" as const);
        // in a savepoint: the same census entry verifying another account at the same moment is a unique
        // violation that must not abort the caller's transaction
        const ins = await d
          .transaction((sp) =>
            sp
              .insert(t.residentVerification)
              .values({ tenantId, userId, censusHash: hash, verifiedAt: at })
              .onConflictDoUpdate({
                target: [t.residentVerification.tenantId, t.residentVerification.userId],
                set: { censusHash: hash, verifiedAt: at },
              })
              .returning({ u: t.residentVerification.userId }),
          )
          .catch((e: unknown) => {
            if (sqlState(e) === "23505") return [];
            throw e;
          });
        return ins.length ? ("verified" as const) : ("taken" as const);
      });
      if (r === "verified") bump(tenantId);
      return r;
    },

    async standing(tenantId, userId) {
      const [r] = await db.select(standingFields(tenantId, userId)).from(sql`(select 1) as one`);
      return { blocked: r?.blocked === true, resident: r?.resident === true };
    },

    async isResident(tenantId, userId) {
      const [r] = await db
        .select({ u: t.residentVerification.userId })
        .from(t.residentVerification)
        .where(and(eq(t.residentVerification.tenantId, tenantId), eq(t.residentVerification.userId, userId)));
      return r !== undefined;
    },

    async follow(tenantId, userId, target, at) {
      const r = await db
        .insert(t.participationFollow)
        .values({ tenantId, userId, targetKind: target.kind, targetId: target.id, createdAt: at })
        .onConflictDoNothing()
        .returning({ u: t.participationFollow.userId });
      if (r.length) bump(tenantId);
      return r.length > 0;
    },

    async unfollow(tenantId, userId, target) {
      const F = t.participationFollow;
      const r = await db
        .delete(F)
        .where(
          and(
            eq(F.tenantId, tenantId),
            eq(F.userId, userId),
            eq(F.targetKind, target.kind),
            eq(F.targetId, target.id),
          ),
        )
        .returning({ u: F.userId });
      if (r.length) bump(tenantId);
      return r.length > 0;
    },

    async followed(tenantId, userId, targets) {
      if (targets.length === 0) return [];
      const F = t.participationFollow;
      const rows = await db
        .select({ kind: F.targetKind, id: F.targetId })
        .from(F)
        .where(and(eq(F.tenantId, tenantId), eq(F.userId, userId), targetsIn(targets)));
      return rows.map((r) => ({ kind: r.kind as FollowTarget["kind"], id: r.id }));
    },

    async followers(tenantId, targets) {
      if (targets.length === 0) return [];
      const F = t.participationFollow;
      const rows = await db
        .selectDistinct({ u: F.userId })
        .from(F)
        .where(and(eq(F.tenantId, tenantId), targetsIn(targets)))
        .orderBy(asc(F.userId));
      return rows.map((r) => r.u);
    },

    async awaitingAnswer(tenantId, consultationIds) {
      if (consultationIds.length === 0) return [];
      const rows = await withAnswers()
        .where(
          ofConsultations(
            tenantId,
            consultationIds,
            eq(C.depth, 0),
            sql`(${A.state} is null or ${A.state} in ('not_answered', 'evaluating'))`,
          ),
        )
        .orderBy(asc(C.dueAt), asc(C.id))
        .limit(1000);
      return records(rows);
    },

    async contributionsOf(tenantId, consultationIds) {
      if (consultationIds.length === 0) return [];
      const rows = await withAnswers()
        .where(ofConsultations(tenantId, consultationIds))
        .orderBy(asc(C.consultationId), asc(C.createdAt), asc(C.id));
      return records(rows);
    },

    async answersLinking(tenantId, actionId) {
      const rows = await db
        .select({ c: C, a: A })
        .from(A)
        .innerJoin(C, and(eq(C.tenantId, A.tenantId), eq(C.id, A.contributionId)))
        .where(
          and(
            eq(A.tenantId, tenantId),
            or(
              sql`${A.links} @> ${JSON.stringify([{ kind: "action_status", id: actionId }])}::jsonb`,
              sql`${A.links} @> ${JSON.stringify([{ kind: "new_action", id: actionId }])}::jsonb`,
            ),
          ),
        )
        .orderBy(asc(C.createdAt));
      return records(rows);
    },

    async accountData(userId) {
      const rows = await withAnswers().where(eq(C.authorId, userId)).orderBy(asc(C.createdAt), asc(C.id));
      const S = t.contributionSupport;
      const R = t.contributionReport;
      const [supports, reports, verifications, blocks, follows] = await Promise.all([
        db
          .select({ tenantId: S.tenantId, contributionId: S.contributionId, createdAt: S.createdAt })
          .from(S)
          .where(eq(S.supporter, userId))
          .orderBy(asc(S.createdAt)),
        db
          .select({
            tenantId: R.tenantId,
            contributionId: R.contributionId,
            reason: R.reason,
            createdAt: R.createdAt,
          })
          .from(R)
          .where(eq(R.reporter, userId))
          .orderBy(asc(R.createdAt)),
        db
          .select({
            tenantId: t.residentVerification.tenantId,
            verifiedAt: t.residentVerification.verifiedAt,
          })
          .from(t.residentVerification)
          .where(eq(t.residentVerification.userId, userId)),
        db
          .select({
            tenantId: t.participationBlock.tenantId,
            reason: t.participationBlock.reason,
            createdAt: t.participationBlock.createdAt,
          })
          .from(t.participationBlock)
          .where(eq(t.participationBlock.userId, userId)),
        db
          .select()
          .from(t.participationFollow)
          .where(eq(t.participationFollow.userId, userId))
          .orderBy(asc(t.participationFollow.createdAt)),
      ]);
      return {
        contributions: rows.map((r) => ({ ...contributionOf(r.c, r.a), tenantId: r.c.tenantId })),
        supports,
        reports: reports.map((r) => ({ ...r, reason: r.reason as ReportReason })),
        verifications,
        blocks,
        follows: follows.map((f) => ({
          tenantId: f.tenantId,
          kind: f.targetKind as FollowTarget["kind"],
          id: f.targetId,
          createdAt: f.createdAt,
        })),
      };
    },

    async forgetAccount(userId, removeTexts) {
      // one random key stands for the account from now on: distinct participants still count once, and
      // nothing links it to the account (or to another deleted account)
      const anon = `deleted:${randomUUID()}`;
      return tx(async (d) => {
        const mine = await d.select({ tenantId: C.tenantId, id: C.id }).from(C).where(eq(C.authorId, userId));
        const touched = new Set(mine.map((m) => m.tenantId));
        for (const m of mine)
          await d
            .delete(t.contributionEdit)
            .where(
              and(eq(t.contributionEdit.tenantId, m.tenantId), eq(t.contributionEdit.contributionId, m.id)),
            );
        let textsRemoved = 0;
        if (removeTexts) {
          const gone = await d
            .update(C)
            .set({
              text: "",
              title: sql`case when ${C.kind} = 'proposal' then '' else null end`,
              scenario: null,
              moderation: "deleted",
              version: sql`${C.version} + 1`,
            })
            .where(and(eq(C.authorId, userId), sql`${C.moderation} <> 'deleted'`))
            .returning({ id: C.id });
          textsRemoved = gone.length;
        }
        await d
          .update(C)
          .set({ authorId: null, authorKey: anon, authorName: "" })
          .where(eq(C.authorId, userId));
        const sup = await d
          .update(t.contributionSupport)
          .set({ supporter: anon })
          .where(eq(t.contributionSupport.supporter, userId))
          .returning({ tenantId: t.contributionSupport.tenantId });
        const rep = await d
          .update(t.contributionReport)
          .set({ reporter: anon })
          .where(eq(t.contributionReport.reporter, userId))
          .returning({ tenantId: t.contributionReport.tenantId });
        for (const r of [...sup, ...rep]) touched.add(r.tenantId);
        for (const table of [t.residentVerification, t.participationBlock, t.participationFollow]) {
          const r = await d
            .delete(table)
            .where(eq(table.userId, userId))
            .returning({ tenantId: table.tenantId });
          for (const x of r) touched.add(x.tenantId);
        }
        for (const id of touched) bump(id);
        return { contributions: mine.length, textsRemoved, supports: sup.length, reports: rep.length };
      });
    },

    async figureInputs(tenantId, consultationId, window) {
      const S = t.contributionSupport;
      const made = window ? and(gte(C.createdAt, window.from), lt(C.createdAt, window.to)) : undefined;
      const rows = await db
        .select({
          id: C.id,
          kind: C.kind,
          author: C.authorKey,
          parentId: C.parentId,
          moderation: C.moderation,
          dueAt: C.dueAt,
          state: A.state,
          answeredAt: A.answeredAt,
        })
        .from(C)
        .leftJoin(A, and(eq(A.tenantId, C.tenantId), eq(A.contributionId, C.id)))
        .where(and(eq(C.tenantId, tenantId), eq(C.consultationId, consultationId), made));
      const supports = await db
        .select({ contributionId: S.contributionId, supporter: S.supporter })
        .from(S)
        .innerJoin(C, and(eq(C.tenantId, S.tenantId), eq(C.id, S.contributionId)))
        .where(
          and(
            eq(S.tenantId, tenantId),
            eq(C.consultationId, consultationId),
            made,
            window ? lt(S.createdAt, window.asOf) : undefined,
          ),
        );
      const later = (at: Date | null) => window !== undefined && at !== null && at >= window.asOf;
      return {
        contributions: rows.map((r) => ({
          id: r.id,
          kind: r.kind as ContributionKind,
          author: r.author,
          parentId: r.parentId,
          moderation: r.moderation as ModerationState,
          answer: (later(r.answeredAt) ? "not_answered" : (r.state ?? "not_answered")) as AnswerState,
          answeredAt: later(r.answeredAt) ? undefined : r.answeredAt?.getTime(),
          dueAt: r.dueAt.getTime(),
        })),
        supports,
      };
    },
  };
  return repo;
}
