import { randomBytes } from "node:crypto";
import { CitypathError, type ProblemCode, problem } from "@citypath/core";
import { type ConsentKind, consentRefusal, consentsGiven } from "@citypath/core/participation/index";
import {
  AUDIT_PLATFORM,
  appendAudit,
  queueMail,
  recordConsents,
  tokenHash,
  touchActivity,
} from "@citypath/db";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { RateLimitedError, RefusalWithCookies } from "../../errors.ts";
import { presentUser } from "../../presenters/account.ts";
import { clientAddress } from "../../security/address.ts";
import { type AuthService, CSRF_COOKIE, hashPassword, SESSION_DAYS } from "../../security/auth.ts";
import { cookieValue } from "../../security/csrf.ts";
import { passwordProblem } from "../../security/passwords.ts";
import {
  changePasswordRoute,
  confirmAccountRoute,
  requestResetRoute,
  resetPasswordRoute,
  sessionRoute,
  signInRoute,
  signOutRoute,
  signUpRoute,
} from "./schema.ts";

/** A pending sign-up in the verification table: this prefix and the SHA-256 of the mailed token. */
const SIGN_UP_PREFIX = "sign-up:";
const SIGN_UP_HOURS = 24;

export function authOf(c: Context<AppEnv>): AuthService {
  const a = c.get("deps").auth;
  if (!a) throw new CitypathError(problem("NOT_READY", "Accounts are not configured in this server."));
  return a;
}

/** Passes the request to better-auth with a JSON body, keeping the caller's headers (cookies, address). */
export async function forward(c: Context<AppEnv>, path: string, body: unknown): Promise<Response> {
  const headers = new Headers(c.req.raw.headers);
  headers.delete("content-length");
  headers.set("content-type", "application/json");
  const url = new URL(path, c.req.url);
  return authOf(c).handler(
    new Request(url, {
      method: "POST",
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
}

/** Copies better-auth's Set-Cookie headers onto our response. */
function withCookies<R extends Response>(from: Response, to: R): R {
  for (const v of from.headers.getSetCookie()) to.headers.append("set-cookie", v);
  return to;
}

function csrfCookie(c: Context<AppEnv>, value: string, maxAge: number): string {
  const secure = authOf(c).secure ? "; Secure" : "";
  return `${CSRF_COOKIE}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Strict${secure}`;
}

/** better-auth's refusal as our error (with the cookies it set). */
async function refusal(res: Response): Promise<RefusalWithCookies> {
  let message = `Refused (${res.status}).`;
  try {
    const b = (await res.json()) as { message?: string };
    if (b.message) message = b.message;
  } catch {
    // no JSON body
  }
  const code: ProblemCode =
    res.status === 401
      ? "UNAUTHENTICATED"
      : res.status === 403
        ? "FORBIDDEN"
        : res.status === 422
          ? "CONFLICT"
          : "BAD_VALUE";
  return new RefusalWithCookies(problem(code, message), res.headers.getSetCookie());
}

/** The CSRF cookie for the session better-auth just started (its Set-Cookie), or undefined if none. */
function csrfCookieFor(c: Context<AppEnv>, res: Response): string | undefined {
  const auth = authOf(c);
  for (const v of res.headers.getSetCookie()) {
    const session = cookieValue(v.split(";")[0], auth.sessionCookie);
    if (session) return csrfCookie(c, auth.csrfToken(session), SESSION_DAYS * 86400);
  }
  return undefined;
}

export async function signedIn(c: Context<AppEnv>, res: Response) {
  const b = (await res.json()) as { user: { id: string; email: string; name: string } };
  const u = await c.get("deps").store.users.byId(b.user.id);
  const out = c.json(
    {
      user: presentUser({
        ...b.user,
        role: u?.role ?? "user",
        mustChangePassword: u?.mustChangePassword ?? false,
      }),
    },
    200,
  );
  withCookies(res, out);
  const csrf = csrfCookieFor(c, res);
  if (csrf) out.headers.append("set-cookie", csrf);
  return out;
}

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(signUpRoute, async (c) => {
    const deps = c.get("deps");
    const body = c.req.valid("json");
    const wait = (await deps.limiter?.signUp(clientAddress(c))) ?? 0;
    if (wait) throw new RateLimitedError(wait, "sign-ups from this address");
    const email = body.email.trim().toLowerCase();
    const answer = {
      version: body.consent.version,
      required: body.consent.required,
      age14OrOlder: body.consent.age_14_or_older,
      optional: body.consent.optional,
    };
    const refused = consentRefusal(answer);
    if (refused)
      throw new CitypathError(problem("BAD_VALUE", refused.reason, { path: `json.consent.${refused.path}` }));
    if (body.district !== undefined && !answer.optional.includes("optional_district"))
      throw new CitypathError(
        problem("BAD_VALUE", "A district is kept only with the optional consent to it (optional_district).", {
          path: "json.district",
        }),
      );
    const why = passwordProblem(body.password, { email, name: body.name });
    if (why) throw new CitypathError(problem("BAD_VALUE", why, { path: "json.password" }));
    // hashed whether or not the account exists, so that the time taken tells nothing either
    const passwordHash = await hashPassword(body.password);
    const base = authOf(c).publicUrl;
    const now = deps.clock();
    // the same answer either way: a mailbox past its share of sign-up mails gets none
    if (deps.limiter && !(await deps.limiter.signUpMail(email)))
      return c.json({ status: "check-mail" as const }, 202);
    await deps.store.transaction(async (store) => {
      const existing = await store.users.byEmail(email);
      if (existing) {
        await queueMail(store, {
          kind: "account-exists",
          email,
          userId: existing.id,
          link: `${base}/ko/workspace/reset-password`,
          at: new Date(now),
        });
        return;
      }
      // The pending sign-up waits in the verification table under the token's hash; the account is made
      // when the link is opened (confirm-account). Expired ones are cleared on the way.
      const token = randomBytes(32).toString("base64url");
      await store.verifications.put(
        {
          identifier: `${SIGN_UP_PREFIX}${tokenHash(token)}`,
          value: JSON.stringify({
            email,
            name: body.name,
            passwordHash,
            district: body.district ?? null,
            consents: consentsGiven(answer),
            consentVersion: answer.version,
            consentAt: now,
          }),
          expiresAt: new Date(now + SIGN_UP_HOURS * 3600_000),
        },
        new Date(now),
      );
      await queueMail(store, {
        kind: "account-confirm",
        email,
        link: `${base}/ko/workspace/confirm?token=${token}`,
        at: new Date(now),
      });
    });
    deps.mail?.kick();
    return c.json({ status: "check-mail" as const }, 202);
  });

  app.openapi(confirmAccountRoute, async (c) => {
    const deps = c.get("deps");
    const { token } = c.req.valid("json");
    const now = new Date(deps.clock());
    const invalid = () =>
      new CitypathError(
        problem(
          "BAD_VALUE",
          "This confirmation link does not work: it was used already, it has expired (after 24 hours) or it " +
            "was not copied whole. Sign up again.",
          { path: "json.token" },
        ),
      );
    const user = await deps.store.transaction(async (store) => {
      const pending = await store.verifications.take(`${SIGN_UP_PREFIX}${tokenHash(token)}`, now);
      if (pending === undefined) throw invalid();
      const p = JSON.parse(pending) as {
        email: string;
        name: string;
        passwordHash: string;
        district?: string | null;
        consents?: ConsentKind[];
        consentVersion?: string;
        consentAt?: number;
      };
      // a sign-up pending from before consents were asked has none: it signs up again
      if (!p.consents || !p.consentVersion || p.consentAt === undefined) throw invalid();
      if (await store.users.byEmail(p.email))
        throw new CitypathError(
          problem("CONFLICT", "This email has an account already: sign in (or reset its password)."),
        );
      const u = await store.users.create({ name: p.name, email: p.email });
      // the link reached the mailbox: the address is the account holder's
      await store.users.markEmailVerified(u.id);
      await store.users.setPasswordHash(u.id, p.passwordHash);
      if (p.district) await store.users.setDistrict(u.id, p.district);
      // what was consented to, to which texts, when (given at sign-up): nothing more
      await recordConsents(store, u.id, p.consents, p.consentVersion, new Date(p.consentAt));
      // Accounts are global: their changes go to the platform chain. No email in the trail (docs/security.md).
      await appendAudit(store, {
        tenantId: AUDIT_PLATFORM,
        actorId: u.id,
        action: "create",
        entity: "user",
        entityId: u.id,
        after: { id: u.id },
      });
      return u;
    });
    // opening the link from here makes this address one the account is known to use
    await deps.limiter?.remember(clientAddress(c), user.id);
    return c.json({ status: true as const, email: user.email }, 200);
  });

  app.openapi(signInRoute, async (c) => {
    const deps = c.get("deps");
    const body = c.req.valid("json");
    const address = clientAddress(c);
    const email = body.email.trim().toLowerCase();
    // counted before the password is verified: no burst of guesses gets past the limit
    const attempt = await deps.limiter?.signIn(address, email);
    if (attempt?.wait) throw new RateLimitedError(attempt.wait, "failed sign-ins");
    let res: Response;
    try {
      res = await forward(c, "/api/auth/sign-in/email", {
        email,
        password: body.password,
        ...(body.remember_me === undefined ? {} : { rememberMe: body.remember_me }),
      });
    } catch (e) {
      await attempt?.finish("other");
      throw e;
    }
    if (res.status !== 200) {
      await attempt?.finish(res.status === 401 ? "failed" : "other");
      throw await refusal(res);
    }
    const out = await signedIn(c, res.clone());
    const { user } = (await res.json()) as { user: { id: string } };
    await attempt?.finish("ok", user.id);
    await touchActivity(deps.store, user.id, new Date(deps.clock()), true);
    return out;
  });

  app.openapi(signOutRoute, async (c) => {
    const res = await forward(c, "/api/auth/sign-out", undefined);
    const out = withCookies(res, c.json({ status: true as const }, 200));
    out.headers.append("set-cookie", csrfCookie(c, "", 0));
    return out;
  });

  app.openapi(sessionRoute, async (c) => {
    const caller = c.get("caller");
    if (caller.kind !== "user") return c.json({ user: null, memberships: [] }, 200);
    const { store } = c.get("deps");
    const [u, ms] = await Promise.all([
      store.users.byId(caller.userId),
      store.memberships.ofUser(caller.userId),
    ]);
    if (!u) return c.json({ user: null, memberships: [] }, 200);
    const out = c.json(
      {
        user: presentUser(u),
        memberships: ms.map((m) => ({ tenant: m.slug, role: m.role, departments: m.departments })),
      },
      200,
    );
    // A signed-in browser whose CSRF cookie is missing or not its session's (planted) gets the right one.
    const auth = authOf(c);
    const session = cookieValue(c.req.header("cookie"), auth.sessionCookie);
    if (session) {
      const token = auth.csrfToken(session);
      if (cookieValue(c.req.header("cookie"), CSRF_COOKIE) !== token)
        out.headers.append("set-cookie", csrfCookie(c, token, SESSION_DAYS * 86400));
    }
    return out;
  });

  app.openapi(requestResetRoute, async (c) => {
    const deps = c.get("deps");
    const wait = (await deps.limiter?.passwordReset(clientAddress(c))) ?? 0;
    if (wait) throw new RateLimitedError(wait, "password resets from this address");
    const { email } = c.req.valid("json");
    const res = await forward(c, "/api/auth/request-password-reset", { email: email.trim().toLowerCase() });
    if (res.status !== 200) throw await refusal(res);
    deps.mail?.kick();
    return c.json({ status: true as const }, 200);
  });

  app.openapi(resetPasswordRoute, async (c) => {
    const deps = c.get("deps");
    const wait = (await deps.limiter?.passwordReset(clientAddress(c))) ?? 0;
    if (wait) throw new RateLimitedError(wait, "password resets from this address");
    const body = c.req.valid("json");
    const why = passwordProblem(body.new_password);
    if (why) throw new CitypathError(problem("BAD_VALUE", why, { path: "json.new_password" }));
    const res = await forward(c, "/api/auth/reset-password", {
      token: body.token,
      newPassword: body.new_password,
    });
    if (res.status !== 200) throw await refusal(res);
    return c.json({ status: true as const }, 200);
  });

  app.openapi(changePasswordRoute, async (c) => {
    const deps = c.get("deps");
    const caller = c.get("caller");
    if (caller.kind !== "user")
      throw new CitypathError(problem("UNAUTHENTICATED", "Sign in to change your password."));
    const body = c.req.valid("json");
    const user = await deps.store.users.byId(caller.userId);
    if (!user) throw new CitypathError(problem("UNAUTHENTICATED", "Sign in to change your password."));
    if (body.new_password === body.current_password)
      throw new CitypathError(
        problem("BAD_VALUE", "The new password must differ from the current one.", {
          path: "json.new_password",
        }),
      );
    const why = passwordProblem(body.new_password, { email: user.email, name: user.name });
    if (why) throw new CitypathError(problem("BAD_VALUE", why, { path: "json.new_password" }));
    // guessing the current password through this route counts as sign-in attempts, before it is verified
    const attempt = await deps.limiter?.signIn(clientAddress(c), user.email);
    if (attempt?.wait) throw new RateLimitedError(attempt.wait, "failed sign-ins");
    let res: Response;
    try {
      res = await forward(c, "/api/auth/change-password", {
        currentPassword: body.current_password,
        newPassword: body.new_password,
        revokeOtherSessions: true,
      });
    } catch (e) {
      await attempt?.finish("other");
      throw e;
    }
    if (res.status !== 200) {
      const wrong = res.status === 400 || res.status === 401;
      await attempt?.finish(wrong ? "failed" : "other");
      // a wrong current password is a problem of that field, not of the session
      if (wrong)
        throw new CitypathError(
          problem("BAD_VALUE", "The current password is not right.", { path: "json.current_password" }),
        );
      throw await refusal(res);
    }
    await attempt?.finish("ok", user.id);
    if (user.mustChangePassword) await deps.store.users.setMustChangePassword(user.id, false);
    await appendAudit(deps.store, {
      tenantId: AUDIT_PLATFORM,
      actorId: user.id,
      action: "update",
      entity: "user",
      entityId: user.id,
      after: { id: user.id, password_changed: true },
    });
    return signedIn(c, res);
  });
}
