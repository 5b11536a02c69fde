/**
 * The database schema (drizzle). Migrations in ../migrations are generated from this file by drizzle-kit
 * (`npm run db:generate -w packages/db`) and committed; never edit a released migration.
 *
 * Three kinds of table, chosen so that a national deployment can distribute the schema on Citus unchanged
 * (docs/scaling.md):
 * - global accounts (`user`, `session`, `account`, `verification`): better-auth's core schema, snake_case
 *   columns. A person may belong to several cities, so accounts belong to no tenant.
 * - reference data shared by every tenant (`tenant`, `gwp_set`, `builtin_factor_set`): small, read often;
 *   they would become Citus reference tables.
 * - tenant-owned data: `tenant_id` is the first column of every primary key, the distribution column.
 *
 * Documents the core validates as a whole (inventory results, model instances, factor lists) are jsonb;
 * what is queried or constrained (year, version, status, GPC reference) has its own typed column.
 */

import type { FactorRow, GwpSet, LocalName, LocalText } from "@citypath/core";
import { PLAN_STAGES } from "@citypath/core/agenda/index";
import {
  ANSWER_STATES,
  AUDIENCES,
  CONSENT_KINDS,
  CONSULTATION_STATUSES,
  CONTRIBUTION_KINDS,
  MODERATION_STATES,
  PARTICIPATION_NOTICES,
  REPORT_REASONS,
  SUBJECT_KINDS,
} from "@citypath/core/participation/index";
import type { PathwayJson } from "@citypath/core/pathway/json";
import { REPORT_STAGES } from "@citypath/core/report/index";
import type { TenantSettings } from "@citypath/core/tenant-settings";
import {
  AGENDA_STATUSES,
  INVENTORY_STATUSES,
  INVENTORY_VERIFICATION_STATUSES,
  NOTATION_KEYS,
  ROLES,
  SCOPE2_INSTRUMENTS,
} from "@citypath/core/vocabulary/index";
import { type SQL, sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** A fixed list of words as SQL (`('a', 'b')`), for check constraints built from the core's lists. */
function sqlList(words: readonly string[]): SQL {
  return sql.raw(`(${words.map((w) => `'${w}'`).join(", ")})`);
}

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const createdAt = () => ts("created_at").notNull().defaultNow();
const updatedAt = () => ts("updated_at").notNull().defaultNow();

// ---------------------------------------------------------------- global accounts (better-auth core schema)

export const user = pgTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  /** Platform role: "admin" may manage every tenant; "user" acts through memberships only. */
  role: text("role").notNull().default("user"),
  /** Set for a one-time password (the first administrator's printed one): changed before anything else. */
  mustChangePassword: boolean("must_change_password").notNull().default(false),
  /** The last sign-in or use of the account, for the inactivity deletion (docs/participation.md). */
  lastActiveAt: ts("last_active_at").notNull().defaultNow(),
  /** The district (행정동) the person gave with the optional consent to it; null without. */
  district: text("district"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const session = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: ts("expires_at").notNull(),
    token: text("token").notNull().unique(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
  },
  (t) => [index("session_user_idx").on(t.userId)],
);

export const account = pgTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: ts("access_token_expires_at"),
    refreshTokenExpiresAt: ts("refresh_token_expires_at"),
    scope: text("scope"),
    /** argon2id PHC string for the "credential" provider; never leaves the server. */
    password: text("password"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("account_user_idx").on(t.userId)],
);

export const verification = pgTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: ts("expires_at").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("verification_identifier_idx").on(t.identifier)],
);

// ---------------------------------------------------------------- reference data (Citus reference tables)

export const tenant = pgTable(
  "tenant",
  {
    id: text("id").primaryKey(),
    /** URL name, e.g. "jeonju": /api/tenants/jeonju/... */
    slug: text("slug").notNull().unique(),
    /** Name in Korean (the product's default language). */
    name: text("name").notNull(),
    nameEn: text("name_en").notNull(),
    /** Settings document: departments, default GWP set, locale... validated by the server's schema. */
    settings: jsonb("settings").$type<TenantSettings>().notNull().default({}),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check("tenant_slug_format", sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{1,62}$'`)],
);

export const gwpSet = pgTable("gwp_set", {
  /** "SAR" | "AR4" | "AR5" | "AR6" */
  id: text("id").primaryKey(),
  /** The set as @citypath/data publishes it (values per gas, each with its source). */
  document: jsonb("document").$type<GwpSet>().notNull(),
  contentHash: text("content_hash").notNull(),
  loadedAt: ts("loaded_at").notNull().defaultNow(),
});

export const builtinFactorSet = pgTable("builtin_factor_set", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** The factor list as @citypath/data publishes it, with provenance per factor. */
  factors: jsonb("factors").$type<FactorRow[]>().notNull(),
  factorCount: integer("factor_count").notNull(),
  contentHash: text("content_hash").notNull(),
  loadedAt: ts("loaded_at").notNull().defaultNow(),
});

// ---------------------------------------------------------------- tenant-owned data (distributed by tenant_id)

export { ROLES, type Role } from "@citypath/core/vocabulary/index";

export const membership = pgTable(
  "membership",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    /** Departments an editor works for (names from the tenant's settings). */
    departments: jsonb("departments").notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    check("membership_role", sql`${t.role} in ${sqlList(ROLES)}`),
    index("membership_user_idx").on(t.userId),
  ],
);

/**
 * Invitations to join a tenant with a role, sent by mail to an address (whether or not it has an account:
 * the answer to the admin is the same, docs/security.md). The link carries a random token; only its SHA-256
 * is stored. Accepting makes the membership (creating the account when there is none); an invitation is used
 * once and ends after `expires_at`.
 */
export const invitation = pgTable(
  "invitation",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    email: text("email").notNull(),
    role: text("role").notNull(),
    departments: jsonb("departments").notNull().default([]),
    tokenHash: text("token_hash").notNull(),
    /** The admin who invited (user id; no foreign key, like the audit trail). */
    invitedBy: text("invited_by"),
    createdAt: createdAt(),
    expiresAt: ts("expires_at").notNull(),
    acceptedAt: ts("accepted_at"),
    acceptedBy: text("accepted_by"),
    withdrawnAt: ts("withdrawn_at"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("invitation_token_idx").on(t.tenantId, t.tokenHash),
    index("invitation_email_idx").on(t.tenantId, t.email),
    check("invitation_role", sql`${t.role} in ${sqlList(ROLES)}`),
  ],
);

export const activityDataset = pgTable(
  "activity_dataset",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    name: text("name").notNull(),
    /** Where the data came from (a file name, an agency). */
    source: text("source"),
    rowCount: integer("row_count").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** One activity-data row, as in the activity CSV (docs/formats.md). */
export const activityRow = pgTable(
  "activity_row",
  {
    tenantId: text("tenant_id").notNull(),
    datasetId: text("dataset_id").notNull(),
    /** The row's line in the file it came from (the header is line 1). */
    line: integer("line").notNull(),
    year: integer("year").notNull(),
    gpcRef: text("gpc_ref").notNull(),
    activity: text("activity").notNull(),
    /** Null on a notation-key row (the line is NO, IE, NE or C instead of an amount). */
    amount: doublePrecision("amount"),
    unit: text("unit").notNull(),
    notation: text("notation"),
    district: text("district"),
    source: text("source"),
    quality: text("quality"),
    note: text("note"),
    /** Scope 2, market-based: the contractual instrument covering the row (SCOPE2_INSTRUMENTS) and its factor. */
    instrument: text("instrument"),
    instrumentFactor: doublePrecision("instrument_factor"),
    instrumentFactorUnit: text("instrument_factor_unit"),
    /** Columns the file had beyond the known ones: kept, not interpreted. */
    extra: jsonb("extra").notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.datasetId, t.line] }),
    foreignKey({
      columns: [t.tenantId, t.datasetId],
      foreignColumns: [activityDataset.tenantId, activityDataset.id],
    }).onDelete("cascade"),
    index("activity_row_year_idx").on(t.tenantId, t.year, t.gpcRef),
    check("activity_row_notation", sql`${t.notation} is null or ${t.notation} in ${sqlList(NOTATION_KEYS)}`),
    check("activity_row_amount_or_notation", sql`(${t.amount} is null) = (${t.notation} is not null)`),
    check(
      "activity_row_instrument",
      sql`(${t.instrument} is null or ${t.instrument} in ${sqlList(SCOPE2_INSTRUMENTS.map((i) => i.id))}) and (${t.instrument} is null) = (${t.instrumentFactor} is null) and (${t.instrument} is null) = (${t.instrumentFactorUnit} is null)`,
    ),
  ],
);

/** A city's own factor set; it replaces the built-in factors of every activity it names. */
export const factorSet = pgTable(
  "factor_set",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    name: text("name").notNull(),
    source: text("source"),
    factors: jsonb("factors").$type<FactorRow[]>().notNull(),
    factorCount: integer("factor_count").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/**
 * Inventory versions. Version numbers count up per tenant; a published version is frozen (a trigger refuses
 * any update or delete of it); recomputing makes a new version.
 */
export const inventory = pgTable(
  "inventory",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    /** The version's name: { ko, en? } (core's local name; a missing English is shown marked [ko]). */
    label: jsonb("label").$type<LocalName>().notNull(),
    status: text("status").notNull().default("draft"),
    gwpSet: text("gwp_set").notNull(),
    activityDatasetId: text("activity_dataset_id"),
    /** Factor sets used, in order of precedence: [{ "kind": "builtin" | "tenant", "id": "..." }]. */
    factorSets: jsonb("factor_sets").notNull().default([]),
    basedOnVersion: integer("based_on_version"),
    /** The inventory as the core computed it (docs/formats.md, the JSON contract). */
    result: jsonb("result").notNull(),
    /** Years covered, for queries without opening the document. */
    firstYear: integer("first_year").notNull(),
    lastYear: integer("last_year").notNull(),
    createdAt: createdAt(),
    publishedAt: ts("published_at"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.version] }),
    check("inventory_status", sql`${t.status} in ${sqlList(INVENTORY_STATUSES)}`),
    check("inventory_published_at", sql`(${t.status} = 'published') = (${t.publishedAt} is not null)`),
  ],
);

/**
 * An inventory version's verification status (core/vocabulary/verification.ts), apart from the version's
 * row: a published version is frozen, its verification may come later. No row = provisional.
 */
export const inventoryVerification = pgTable(
  "inventory_verification",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    status: text("status").notNull(),
    /** Who verified it (the body), and on which day; both null while provisional. */
    verifiedBy: text("verified_by"),
    verifiedOn: date("verified_on", { mode: "string" }),
    /** Where the status comes from (a report, a letter, a published statistic): { ko, en? }. */
    basis: jsonb("basis").$type<LocalText>().notNull(),
    illustrative: boolean("illustrative").notNull().default(false),
    recordedAt: ts("recorded_at").notNull().defaultNow(),
  },
  (t) => [
    // No foreign key to the version: on Citus a table added later cannot reference an already distributed
    // one within its migration. The store writes a row only for a published version, which is never
    // deleted (the frozen-version trigger), so no row can outlive its version; the tenant's cascade removes both.
    primaryKey({ columns: [t.tenantId, t.version] }),
    check("inventory_verification_status", sql`${t.status} in ${sqlList(INVENTORY_VERIFICATION_STATUSES)}`),
    check(
      "inventory_verification_who_when",
      sql`(${t.status} = 'verified') = (${t.verifiedBy} is not null and ${t.verifiedOn} is not null) and (${t.status} = 'verified' or (${t.verifiedBy} is null and ${t.verifiedOn} is null))`,
    ),
  ],
);

/** Model instances as versioned documents: each save adds a version; the latest is the current one. */
export const modelInstance = pgTable(
  "model_instance",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    /** The instance document (the YAML file set as one JSON document), validated by the core. */
    document: jsonb("document").notNull(),
    documentHash: text("document_hash").notNull(),
    /** Why this version was saved, as its author wrote it (null for versions loaded from files). */
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id, t.version] })],
);

/** Pathway results computed by the core, cached per input version (instance version x scenario x engine). */
export const pathwayResult = pgTable(
  "pathway_result",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    instanceId: text("instance_id").notNull(),
    instanceVersion: integer("instance_version").notNull(),
    scenarioId: text("scenario_id").notNull(),
    engineVersion: text("engine_version").notNull(),
    result: jsonb("result").$type<PathwayJson>().notNull(),
    computedAt: ts("computed_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.instanceId, t.instanceVersion, t.scenarioId, t.engineVersion] }),
    foreignKey({
      columns: [t.tenantId, t.instanceId, t.instanceVersion],
      foreignColumns: [modelInstance.tenantId, modelInstance.id, modelInstance.version],
    }).onDelete("cascade"),
  ],
);

// ---------------------------------------------------------------- accounts: the mail outbox (global)

/** What a queued message is: its template (packages/server/src/mail/messages.ts). */
export const MAIL_KINDS = [
  "password-reset",
  "account-confirm",
  "account-exists",
  "invitation",
  // participation's notices (an official answer, a linked action's status, moderation) and the inactivity
  // warnings before an account is deleted (docs/participation.md)
  ...PARTICIPATION_NOTICES,
  "inactivity-warning",
  // a department's agenda reminders (My work's), mailed to its editors on a schedule
  "agenda-reminder",
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * Messages to send by mail. The server's delivery loop sends them over SMTP when it is configured
 * (packages/server/src/mail/), with retries and a record of each attempt (`mail_attempt`); without SMTP they
 * wait here for an operator (docs/security.md). Global like the accounts they belong to: a message may be
 * for an address without an account (an invitation, a sign-up), so `user_id` is optional. `for_tenant` names
 * the tenant a message is about (an invitation), so that its admins can read it without SMTP.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    userId: text("user_id").references(() => user.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    /** The link the message carries (a one-time reset, confirmation or invitation URL). */
    link: text("link").notNull(),
    /** What the template needs besides the link (the tenant's names, the role), never a secret. */
    data: jsonb("data").notNull().default({}),
    forTenant: text("for_tenant").references(() => tenant.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    sentAt: ts("sent_at"),
    /** Attempts made so far (each is a row of mail_attempt). */
    attempts: integer("attempts").notNull().default(0),
    /** The earliest time of the next attempt (backoff after a failure); a sender's lease while it sends. */
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    /** Set when the delivery gave up (too many failures or a permanent refusal). */
    failedAt: ts("failed_at"),
  },
  (t) => [
    index("mail_outbox_user_idx").on(t.userId),
    index("mail_outbox_due_idx").on(t.nextAttemptAt),
    index("mail_outbox_tenant_idx").on(t.forTenant),
    check("mail_outbox_kind", sql`${t.kind} in ${sqlList(MAIL_KINDS)}`),
  ],
);

/** One delivery attempt of a message: when, and the SMTP server's answer or the error. */
export const mailAttempt = pgTable(
  "mail_attempt",
  {
    mailId: text("mail_id")
      .notNull()
      .references(() => mailOutbox.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    at: ts("at").notNull(),
    ok: boolean("ok").notNull(),
    /** The server's reply (accepted) or the error (refused, unreachable), at most 500 characters. */
    detail: text("detail").notNull(),
  },
  (t) => [primaryKey({ columns: [t.mailId, t.attempt] })],
);

// ---------------------------------------------------------------- accounts: rate limits and sign-in history (global)

/**
 * Rate-limit counters every server process shares (sign-in, sign-up, writes; packages/db/src/limits.ts).
 * `key` is a SHA-256 hash of what is counted (an address, an account, both), never the address or email
 * itself. Times are epoch milliseconds from the application's clock (no database clock in an UPDATE):
 * `reset_at` ends the window, `next_at` is the earliest next attempt (growing delays). Rows whose window
 * and delay have passed are deleted now and then.
 */
export const rateLimit = pgTable(
  "rate_limit",
  {
    key: text("key").primaryKey(),
    count: integer("count").notNull(),
    resetAt: bigint("reset_at", { mode: "number" }).notNull(),
    nextAt: bigint("next_at", { mode: "number" }).notNull(),
  },
  (t) => [index("rate_limit_reset_at_idx").on(t.resetAt)],
);

/**
 * The addresses an account has signed in from (SHA-256 of the address), so that failures from strangers'
 * addresses never slow the owner down at home. A few per account (the newest kept), forgotten after a
 * while unused; deleted with the account.
 */
export const signInAddress = pgTable(
  "sign_in_address",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    addressHash: text("address_hash").notNull(),
    lastAt: bigint("last_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.addressHash] })],
);

// ---------------------------------------------------------------- the audit trail (append-only, hash-chained)

/**
 * One record per change: who (user id only; names and emails are joined when read), what (entity, id, version),
 * when, before and after. Each tenant has its own chains, AUDIT_STREAMS of them (`seq` counts up from 1 per
 * tenant and stream; platform-wide changes use the tenant "*"); `hash` = SHA-256 over the previous hash and this record's canonical form
 * (packages/db/src/audit.ts). Triggers refuse UPDATE, DELETE and TRUNCATE (migration 0003); no foreign key,
 * so the trail outlives what it describes.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    tenantId: text("tenant_id").notNull(),
    /** Which of the tenant's chains (packages/db/src/audit.ts): appends to different streams run in parallel. */
    stream: smallint("stream").notNull().default(0),
    seq: bigint("seq", { mode: "number" }).notNull(),
    at: ts("at").notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    version: integer("version"),
    before: jsonb("before"),
    after: jsonb("after"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.stream, t.seq] }),
    index("audit_log_entity_idx").on(t.tenantId, t.entity, t.entityId),
    index("audit_log_actor_idx").on(t.tenantId, t.actorId),
    index("audit_log_at_idx").on(t.tenantId, t.at),
  ],
);

// ---------------------------------------------------------------- import profiles (tenant-owned)

/** A saved column mapping for files in another layout (an agency's own headers), reused on the next import. */
export const importProfile = pgTable(
  "import_profile",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    name: text("name").notNull(),
    /** "activity" | "factors" | "budget_lines" | "budget_settlements" */
    kind: text("kind").notNull(),
    /** Citypath column -> the file's header, e.g. { "amount": "사용량", "unit": "단위" }. */
    mapping: jsonb("mapping").notNull(),
    /** Columns with one value for the whole file, e.g. { "unit": "MWh" } when the file has no unit column. */
    constants: jsonb("constants").notNull().default({}),
    /**
     * Citypath column -> the file's values -> ours, e.g. { "class": { "친화": "reduction" } }: a city's own
     * class set or words translated on the way in.
     */
    valueMap: jsonb("value_map").notNull().default({}),
    /** Citypath column -> the factor the file's numbers are multiplied by, e.g. { "original_krw": 1000 } for 천원. */
    scale: jsonb("scale").notNull().default({}),
    encoding: text("encoding").notNull().default("auto"),
    /** XLSX: the worksheet to read (its name); null: the first. */
    sheet: text("sheet"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    check(
      "import_profile_kind",
      sql`${t.kind} in ('activity', 'factors', 'budget_lines', 'budget_settlements')`,
    ),
  ],
);

// ---------------------------------------------------------------- the agenda (tenant-owned, issue 8)

/**
 * The agenda's records as the core validates them (packages/core/src/agenda/schema.ts), stored as jsonb
 * documents with their version; what is filtered on (status, stage, departments) has its own column. Progress
 * updates and observed indicator values live in tables of their own (they grow over the years); the store
 * puts them back into the action and indicator documents when it reads. A write names the version it read
 * (0 for a new record) and gets CONFLICT when another write came first.
 */
export const agendaRegister = pgTable(
  "agenda_register",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    /** "source" | "department" | "category" */
    kind: text("kind").notNull(),
    id: text("id").notNull(),
    document: jsonb("document").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.kind, t.id] }),
    check("agenda_register_kind", sql`${t.kind} in ('source', 'department', 'category')`),
  ],
);

export const agendaPlan = pgTable(
  "agenda_plan",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    version: integer("version").notNull().default(1),
    stage: text("stage").notNull(),
    document: jsonb("document").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    check("agenda_plan_stage", sql`${t.stage} in ${sqlList(PLAN_STAGES)}`),
  ],
);

export const agendaAction = pgTable(
  "agenda_action",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    version: integer("version").notNull().default(1),
    status: text("status").notNull(),
    /** Responsible department ids, the lead first (for the editor's department rule and filters). */
    departments: jsonb("departments").notNull().default([]),
    /** The action without its progress updates (those are rows of agenda_progress). */
    document: jsonb("document").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    check("agenda_action_status", sql`${t.status} in ${sqlList(AGENDA_STATUSES)}`),
  ],
);

export const agendaIndicator = pgTable(
  "agenda_indicator",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    version: integer("version").notNull().default(1),
    /** The indicator without its observed values (those are rows of agenda_observation). */
    document: jsonb("document").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const agendaProgress = pgTable(
  "agenda_progress",
  {
    tenantId: text("tenant_id").notNull(),
    actionId: text("action_id").notNull(),
    id: text("id").notNull(),
    /** YYYY-MM-DD */
    date: text("date").notNull(),
    document: jsonb("document").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.actionId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.actionId],
      foreignColumns: [agendaAction.tenantId, agendaAction.id],
    }).onDelete("cascade"),
  ],
);

export const agendaObservation = pgTable(
  "agenda_observation",
  {
    tenantId: text("tenant_id").notNull(),
    indicatorId: text("indicator_id").notNull(),
    year: integer("year").notNull(),
    /** The district, or "" for the whole city (part of the key, so never null). */
    district: text("district").notNull().default(""),
    value: doublePrecision("value").notNull(),
    document: jsonb("document").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.indicatorId, t.year, t.district] }),
    foreignKey({
      columns: [t.tenantId, t.indicatorId],
      foreignColumns: [agendaIndicator.tenantId, agendaIndicator.id],
    }).onDelete("cascade"),
  ],
);

/**
 * Reminder messages of the agenda waiting to be sent (one per department and day, `dedupe_key` from the
 * core's `reminders`); queuing the same day twice adds nothing. Nothing sends them yet: an operator or a mail
 * job reads the table, as for `mail_outbox`.
 */
export const agendaOutbox = pgTable(
  "agenda_outbox",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    dedupeKey: text("dedupe_key").notNull(),
    department: text("department").notNull(),
    /** The day the reminders were made for, YYYY-MM-DD. */
    createdFor: text("created_for").notNull(),
    message: jsonb("message").notNull(),
    createdAt: createdAt(),
    sentAt: ts("sent_at"),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.dedupeKey] })],
);

// ---------------------------------------------------------------- the GHG-reduction budget

/**
 * Budget lines (one per fiscal year and 세부사업 code) of the GHG-reduction budget. The line as the core
 * validates it is `document`; what is queried or constrained (class, department, linked action, amount) has a
 * column of its own.
 */
export const budgetLine = pgTable(
  "budget_line",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    code: text("code").notNull(),
    version: integer("version").notNull().default(1),
    class: text("class").notNull(),
    departmentId: text("department_id"),
    actionId: text("action_id"),
    /** The amount the line counts at (final, else supplementary, else original), KRW. */
    amountKrw: bigint("amount_krw", { mode: "number" }).notNull(),
    document: jsonb("document").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.year, t.code] }),
    check("budget_line_class", sql`${t.class} in ('reduction', 'emission', 'mixed', 'neutral')`),
    index("budget_line_action").on(t.tenantId, t.actionId),
  ],
);

/** The settlement (결산) of a line; `closed` false while executions are still being recorded. */
export const budgetSettlement = pgTable(
  "budget_settlement",
  {
    tenantId: text("tenant_id").notNull(),
    year: integer("year").notNull(),
    code: text("code").notNull(),
    version: integer("version").notNull().default(1),
    closed: boolean("closed").notNull(),
    document: jsonb("document").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.year, t.code] }),
    foreignKey({
      columns: [t.tenantId, t.year, t.code],
      foreignColumns: [budgetLine.tenantId, budgetLine.year, budgetLine.code],
    }).onDelete("cascade"),
  ],
);

/** A fiscal year's budget: stage, publication and the reasons for last year's lines left out. */
export const budgetYear = pgTable(
  "budget_year",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    version: integer("version").notNull().default(1),
    published: boolean("published").notNull().default(false),
    document: jsonb("document").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] })],
);

// ---------------------------------------------------------------- participation (docs/participation.md)

/**
 * A consultation on one plan item. Titles and descriptions are { ko, en } documents; what is filtered on
 * (status, subject, audience, dates) has its own column.
 */
export const consultation = pgTable(
  "consultation",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    version: integer("version").notNull().default(1),
    status: text("status").notNull(),
    subjectKind: text("subject_kind").notNull(),
    subjectId: text("subject_id").notNull(),
    audience: text("audience").notNull(),
    opensAt: ts("opens_at").notNull(),
    closesAt: ts("closes_at").notNull(),
    /** The department that answers officially. */
    department: text("department").notNull(),
    answerDueDays: integer("answer_due_days").notNull().default(30),
    illustrative: boolean("illustrative").notNull().default(false),
    /** The consultation as the core's schema gives it (title, description...). */
    document: jsonb("document").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    check("consultation_status", sql`${t.status} in ${sqlList(CONSULTATION_STATUSES)}`),
    check("consultation_subject_kind", sql`${t.subjectKind} in ${sqlList(SUBJECT_KINDS)}`),
    check("consultation_audience", sql`${t.audience} in ${sqlList(AUDIENCES)}`),
    check("consultation_dates", sql`${t.opensAt} < ${t.closesAt}`),
    index("consultation_subject_idx").on(t.tenantId, t.subjectKind, t.subjectId),
  ],
);

/**
 * Comments and proposals. `author_id` is null once the author's account is deleted; `author_key` stays (a
 * random key per deleted account, so that figures still count the person once). `root_id` is the top-level
 * comment of a thread (its own id at depth 0), so one page of threads is read in two queries.
 * `support_count` and `report_count` are kept with the rows they count, in the same transaction.
 */
export const contribution = pgTable(
  "contribution",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    consultationId: text("consultation_id").notNull(),
    kind: text("kind").notNull(),
    parentId: text("parent_id"),
    rootId: text("root_id").notNull(),
    depth: integer("depth").notNull().default(0),
    /** The author's account; no foreign key (accounts are global): account deletion clears it. */
    authorId: text("author_id"),
    authorKey: text("author_key").notNull(),
    /** The author's name as shown (a pseudonym may be used); "" once the account is deleted. */
    authorName: text("author_name").notNull(),
    /** "council" | "expert" from the author's membership role when posting, or null. */
    badge: text("badge"),
    title: text("title"),
    text: text("text").notNull(),
    /** Proposals: the model the figures come from and the explorer's state (scenario, levels). */
    instanceId: text("instance_id"),
    instanceVersion: integer("instance_version"),
    scenario: jsonb("scenario"),
    moderation: text("moderation").notNull().default("visible"),
    supportCount: integer("support_count").notNull().default(0),
    reportCount: integer("report_count").notNull().default(0),
    /** When the official answer is due. */
    dueAt: ts("due_at").notNull(),
    illustrative: boolean("illustrative").notNull().default(false),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    editedAt: ts("edited_at"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.consultationId],
      foreignColumns: [consultation.tenantId, consultation.id],
    }).onDelete("cascade"),
    check("contribution_kind", sql`${t.kind} in ${sqlList(CONTRIBUTION_KINDS)}`),
    check("contribution_moderation", sql`${t.moderation} in ${sqlList(MODERATION_STATES)}`),
    check("contribution_depth", sql`${t.depth} between 0 and 2`),
    check("contribution_badge", sql`${t.badge} is null or ${t.badge} in ('council', 'expert')`),
    check("contribution_counts", sql`${t.supportCount} >= 0 and ${t.reportCount} >= 0`),
    check(
      "contribution_proposal",
      sql`(${t.kind} = 'proposal') = (${t.title} is not null) and (${t.kind} = 'comment' or ${t.parentId} is null)`,
    ),
    index("contribution_list_idx").on(t.tenantId, t.consultationId, t.kind, t.depth, t.createdAt),
    index("contribution_root_idx").on(t.tenantId, t.rootId),
    index("contribution_author_idx").on(t.authorId),
  ],
);

/** The texts a contribution had before each edit (shown as "edited" with its history). */
export const contributionEdit = pgTable(
  "contribution_edit",
  {
    tenantId: text("tenant_id").notNull(),
    contributionId: text("contribution_id").notNull(),
    /** The version the text was (1 = as first posted). */
    version: integer("version").notNull(),
    title: text("title"),
    text: text("text").notNull(),
    /** When this text was replaced. */
    replacedAt: ts("replaced_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.contributionId, t.version] }),
    foreignKey({
      columns: [t.tenantId, t.contributionId],
      foreignColumns: [contribution.tenantId, contribution.id],
    }).onDelete("cascade"),
  ],
);

/**
 * Supports: one per person per contribution, by the primary key, so that many requests at once count once.
 * `supporter` is the account id, replaced by the deleted account's key when it is deleted.
 */
export const contributionSupport = pgTable(
  "contribution_support",
  {
    tenantId: text("tenant_id").notNull(),
    contributionId: text("contribution_id").notNull(),
    supporter: text("supporter").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.contributionId, t.supporter] }),
    foreignKey({
      columns: [t.tenantId, t.contributionId],
      foreignColumns: [contribution.tenantId, contribution.id],
    }).onDelete("cascade"),
    index("contribution_support_supporter_idx").on(t.tenantId, t.supporter),
  ],
);

/** The official answer to a contribution, by the responsible department. */
export const contributionAnswer = pgTable(
  "contribution_answer",
  {
    tenantId: text("tenant_id").notNull(),
    contributionId: text("contribution_id").notNull(),
    version: integer("version").notNull().default(1),
    state: text("state").notNull(),
    /** { ko, en? } */
    text: jsonb("text").notNull(),
    /** Links to the agenda changes the answer made: [{ kind, id, note }]. */
    links: jsonb("links").notNull().default([]),
    department: text("department").notNull(),
    answeredBy: text("answered_by"),
    /** When the answer reached a final state (null while not answered or evaluating). */
    answeredAt: ts("answered_at"),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.contributionId] }),
    foreignKey({
      columns: [t.tenantId, t.contributionId],
      foreignColumns: [contribution.tenantId, contribution.id],
    }).onDelete("cascade"),
    check("contribution_answer_state", sql`${t.state} in ${sqlList(ANSWER_STATES)}`),
  ],
);

/** Reports of a contribution: one per person per contribution. */
export const contributionReport = pgTable(
  "contribution_report",
  {
    tenantId: text("tenant_id").notNull(),
    contributionId: text("contribution_id").notNull(),
    reporter: text("reporter").notNull(),
    reason: text("reason").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.contributionId, t.reporter] }),
    foreignKey({
      columns: [t.tenantId, t.contributionId],
      foreignColumns: [contribution.tenantId, contribution.id],
    }).onDelete("cascade"),
    check("contribution_report_reason", sql`${t.reason} in ${sqlList(REPORT_REASONS)}`),
  ],
);

/** Accounts a moderator blocked from taking part in the city's consultations, with the reason. */
export const participationBlock = pgTable(
  "participation_block",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    reason: text("reason").notNull(),
    blockedBy: text("blocked_by"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] })],
);

/**
 * Who follows a consultation or a contribution, to be mailed its official answers and the later status
 * changes of the actions an answer links (with the optional consent to such mail).
 */
export const participationFollow = pgTable(
  "participation_follow",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    /** "consultation" or "contribution". */
    targetKind: text("target_kind").notNull(),
    targetId: text("target_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId, t.targetKind, t.targetId] }),
    index("participation_follow_target_idx").on(t.tenantId, t.targetKind, t.targetId),
    check("participation_follow_kind", sql`${t.targetKind} in ('consultation', 'contribution')`),
  ],
);

/**
 * The city's census for resident verification, as keyed hashes only: HMAC-SHA-256 with the tenant's secret
 * over the normalised details, so a lookup works and the file cannot be read back.
 */
export const censusEntry = pgTable(
  "census_entry",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    hash: text("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.hash] })],
);

/** The tenant's census secret (random, 32 bytes, base64url); replacing it invalidates the stored census. */
export const censusKey = pgTable(
  "census_key",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    secret: text("secret").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);

/** Verified residents; a census entry verifies one account only (the unique hash). */
export const residentVerification = pgTable(
  "resident_verification",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    censusHash: text("census_hash").notNull(),
    verifiedAt: ts("verified_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    unique("resident_verification_census").on(t.tenantId, t.censusHash),
  ],
);

// ---------------------------------------------------------------- personal data: consents (global)

/**
 * The consents an account gave at sign-up and after (PIPA Art. 15, 22): the kind, the version of the text
 * consented to, when; withdrawn consents keep their row with `withdrawn_at`.
 */
export const consent = pgTable(
  "consent",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    textVersion: text("text_version").notNull(),
    givenAt: ts("given_at").notNull(),
    withdrawnAt: ts("withdrawn_at"),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.kind] }),
    check("consent_kind", sql`${t.kind} in ${sqlList(CONSENT_KINDS)}`),
  ],
);

/** Inactivity warnings sent (30 and 7 days before deletion), so each goes once per period of inactivity. */
export const inactivityNotice = pgTable(
  "inactivity_notice",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** Days before deletion: 30 or 7. */
    daysBefore: integer("days_before").notNull(),
    /** The last activity the warning was about (a later activity starts a new period). */
    lastActiveAt: ts("last_active_at").notNull(),
    sentAt: ts("sent_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.daysBefore] })],
);

// ---------------------------------------------------------------- the implementation report

/**
 * The yearly implementation report (이행점검 결과보고서) of a plan: its stage (draft -> review -> deliberated ->
 * submitted -> reported to the council), what staff wrote (`entries`), and, once completed, the frozen report
 * (`snapshot`): later edits to the agenda, the budget or the inventory do not change it. An admin may reopen
 * it (audited), which drops the snapshot.
 */
export const implementationReport = pgTable(
  "implementation_report",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenant.id, { onDelete: "cascade" }),
    planId: text("plan_id").notNull(),
    year: integer("year").notNull(),
    version: integer("version").notNull().default(1),
    stage: text("stage").notNull(),
    published: boolean("published").notNull().default(false),
    entries: jsonb("entries").notNull(),
    snapshot: jsonb("snapshot"),
    completedAt: ts("completed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.planId, t.year] }),
    check("implementation_report_stage", sql`${t.stage} in ${sqlList(REPORT_STAGES)}`),
  ],
);
