import { CitypathError, csvLine, problem, type TenantId } from "@citypath/core";
import {
  CONSENT_TEXT_VERSION,
  CONSENT_TEXTS,
  INACTIVITY_DELETE_DAYS,
  INACTIVITY_WARNING_DAYS,
  OPTIONAL_CONSENTS,
} from "@citypath/core/participation/index";
import {
  AUDIT_PLATFORM,
  appendAudit,
  consentsOf,
  deleteAccount,
  recordConsents,
  withdrawConsent,
} from "@citypath/db";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { verify } from "@node-rs/argon2";
import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { RateLimitedError } from "../../errors.ts";
import { clientAddress } from "../../security/address.ts";
import { CSRF_COOKIE } from "../../security/auth.ts";
import { myData, personalDataRegister } from "../../services/privacy.ts";
import { authOf } from "../auth/handler.ts";
import { fileResponse } from "../common.ts";
import {
  consentTextsRoute,
  deleteAccountRoute,
  myConsentsRoute,
  myDataDownloadRoute,
  myDataRoute,
  registerRoute,
} from "./schema.ts";

function signedInUser(c: Context<AppEnv>): string {
  const caller = c.get("caller");
  if (caller.kind !== "user") throw new CitypathError(problem("UNAUTHENTICATED", "Sign in first."));
  return caller.userId;
}

async function dataOf(c: Context<AppEnv>) {
  const deps = c.get("deps");
  const d = await myData(deps.store, signedInUser(c), deps.clock());
  if (!d) throw new CitypathError(problem("UNAUTHENTICATED", "The account no longer exists."));
  return d;
}

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(consentTextsRoute, (c) =>
    c.json(
      {
        version: CONSENT_TEXTS.version,
        title: CONSENT_TEXTS.title,
        agree: CONSENT_TEXTS.agree,
        required: CONSENT_TEXTS.required,
        age: CONSENT_TEXTS.age,
        optional: CONSENT_TEXTS.optional,
        after_deletion: CONSENT_TEXTS.afterDeletion,
        sensitive: CONSENT_TEXTS.sensitive,
        inactivity: {
          delete_after_days: INACTIVITY_DELETE_DAYS,
          warnings_days_before: [...INACTIVITY_WARNING_DAYS],
        },
      },
      200,
    ),
  );

  app.openapi(myDataRoute, async (c) => c.json(await dataOf(c), 200));

  app.openapi(myDataDownloadRoute, async (c) => {
    const d = await dataOf(c);
    return c.json(d, 200, {
      "content-disposition": `attachment; filename="citypath-my-data-${d.exported_at.slice(0, 10)}.json"`,
    });
  });

  app.openapi(myConsentsRoute, async (c) => {
    const deps = c.get("deps");
    const userId = signedInUser(c);
    const body = c.req.valid("json");
    if (body.version !== CONSENT_TEXT_VERSION)
      throw new CitypathError(
        problem(
          "BAD_VALUE",
          `The consent texts changed (now version ${CONSENT_TEXT_VERSION}): read them again.`,
          {
            path: "json.version",
          },
        ),
      );
    if (body.district !== undefined && !body.optional.includes("optional_district"))
      throw new CitypathError(
        problem("BAD_VALUE", "A district is kept only with the optional consent to it (optional_district).", {
          path: "json.district",
        }),
      );
    const at = new Date(deps.clock());
    const consents = await deps.store.transaction(async (st) => {
      const given = OPTIONAL_CONSENTS.filter((k) => body.optional.includes(k));
      const withdrawn = [];
      for (const k of OPTIONAL_CONSENTS)
        if (!given.includes(k) && (await withdrawConsent(st, userId, k, at))) withdrawn.push(k);
      const before = await consentsOf(st, userId);
      const newly = given.filter((k) => !before.some((b) => b.kind === k && b.withdrawnAt === null));
      await recordConsents(st, userId, newly, CONSENT_TEXT_VERSION, at);
      if (!given.includes("optional_district")) await st.users.setDistrict(userId, null);
      else if (body.district !== undefined) await st.users.setDistrict(userId, body.district);
      if (newly.length || withdrawn.length)
        await appendAudit(st, {
          tenantId: AUDIT_PLATFORM,
          actorId: userId,
          action: "consent",
          entity: "user",
          entityId: userId,
          after: { given: newly, withdrawn },
        });
      return consentsOf(st, userId);
    });
    return c.json(
      {
        consents: consents.map((x) => ({
          kind: x.kind,
          text_version: x.textVersion,
          given_at: x.givenAt.toISOString(),
          withdrawn_at: x.withdrawnAt?.toISOString() ?? null,
        })),
      },
      200,
    );
  });

  app.openapi(deleteAccountRoute, async (c) => {
    const deps = c.get("deps");
    const userId = signedInUser(c);
    const body = c.req.valid("json");
    const user = await deps.store.users.byId(userId);
    if (!user) throw new CitypathError(problem("UNAUTHENTICATED", "The account no longer exists."));
    if (user.role === "admin")
      throw new CitypathError(
        problem(
          "CONFLICT",
          "A platform administrator's account is not deleted here: hand the role to another account first.",
        ),
      );
    // guessing the password through this route counts as sign-in attempts, before it is verified
    const attempt = await deps.limiter?.signIn(clientAddress(c), user.email);
    if (attempt?.wait) throw new RateLimitedError(attempt.wait, "failed sign-ins");
    const hash = await deps.store.users.passwordHash(userId);
    if (!hash || !(await verify(hash, body.password))) {
      await attempt?.finish("failed");
      throw new CitypathError(problem("BAD_VALUE", "The password is not right.", { path: "json.password" }));
    }
    await attempt?.finish("ok", userId);
    const r = await deps.store.transaction(async (st) => {
      const done = await deleteAccount(st, userId, body.contributions);
      // the platform trail keeps the account's random id and what happened, never its email or name
      await appendAudit(st, {
        tenantId: AUDIT_PLATFORM,
        actorId: userId,
        action: "delete",
        entity: "user",
        entityId: userId,
        after: { rule: body.contributions, ...done },
      });
      return done;
    });
    const auth = authOf(c);
    const secure = auth.secure ? "; Secure" : "";
    const out = c.json(
      {
        deleted: true as const,
        contributions: r.contributions,
        texts_removed: r.textsRemoved,
        supports: r.supports,
        reports: r.reports,
        memberships: r.memberships,
      },
      200,
    );
    out.headers.append(
      "set-cookie",
      `${auth.sessionCookie}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure}`,
    );
    out.headers.append("set-cookie", `${CSRF_COOKIE}=; Path=/; Max-Age=0; SameSite=Strict${secure}`);
    return out;
  });

  app.openapi(registerRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const { format } = c.req.valid("query");
    // counts only, no one's data: not a read of personal data
    const files = await personalDataRegister(deps.store, t.id as TenantId);
    const generated_at = new Date(deps.clock()).toISOString();
    if (format === "csv") {
      const head = [
        "파일명",
        "name",
        "근거",
        "basis",
        "목적",
        "purpose",
        "항목",
        "items",
        "처리방법",
        "processing",
        "보유기간",
        "retention",
        "제공받는 자",
        "recipients",
        "정보주체 수 / records",
      ];
      const lines = [
        csvLine(head),
        ...files.map((f) =>
          csvLine([
            f.name.ko,
            f.name.en,
            f.basis.ko,
            f.basis.en,
            f.purpose.ko,
            f.purpose.en,
            f.items.ko,
            f.items.en,
            f.processing.ko,
            f.processing.en,
            f.retention.ko,
            f.retention.en,
            f.recipients.ko,
            f.recipients.en,
            f.records,
          ]),
        ),
      ];
      const csv = new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`);
      return fileResponse(c, csv, "text/csv; charset=utf-8", `${t.slug}-personal-data-register.csv`);
    }
    return c.json({ tenant: t.slug, generated_at, files }, 200);
  });
}
