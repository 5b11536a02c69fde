import { OPTIONAL_CONSENTS } from "@citypath/core/participation/index";
import { z } from "@hono/zod-openapi";
import { PUBLIC, SIGNED_IN } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import { accountUserSchema, sessionSchema } from "../../presenters/account.ts";
import { secureRoute } from "../../route.ts";
import { MAX_PASSWORD_LENGTH } from "../../security/passwords.ts";
import { json, jsonBody } from "../common.ts";

const email = z.email().max(254);
const password = z.string().min(1).max(MAX_PASSWORD_LENGTH);
const signedIn = z.object({ user: accountUserSchema }).openapi("SignedIn");
const done = z.object({ status: z.literal(true) });

const checkMail = z
  .object({ status: z.literal("check-mail") })
  .openapi("CheckMail", { description: "A message is on its way to the address; the answer says no more." });

const signUpConsent = z
  .object({
    version: z.string().min(1).max(40).openapi({ description: "The version of the consent texts shown." }),
    required: z
      .boolean()
      .openapi({ description: "The required consent (purpose, items, retention, refusal)." }),
    age_14_or_older: z.boolean().openapi({ description: "The declaration 'I am 14 or older'." }),
    optional: z.array(z.enum(OPTIONAL_CONSENTS)).max(OPTIONAL_CONSENTS.length).default([]),
  })
  .openapi("SignUpConsent", {
    description:
      "The answers on the consent screen, for the texts of GET /api/privacy/consent-texts (that version). " +
      "Refused: the required consent not given, under 14, or another version of the texts.",
  });

export const signUpRoute = secureRoute(PUBLIC, {
  method: "post",
  path: "/api/auth/sign-up/email",
  tags: ["accounts"],
  summary: "Ask for an account with email and password: a confirmation link is mailed",
  description:
    "The answer is the same whether or not the email has an account (no account enumeration): the mail " +
    "says either 'confirm your account' (with a link to POST /api/auth/confirm-account) or 'you already " +
    "have an account' (with the way to reset the password). The password needs at least 12 characters and " +
    "must not be a common password. Limited per address (docs/security.md). A new account belongs to no " +
    "tenant until it accepts an invitation. The consents are recorded (kind, text version, when) when the " +
    "account is made; under 14 is refused (no birth date is asked).",
  request: {
    body: jsonBody(
      z.object({
        email,
        password,
        name: z.string().min(1).max(200).openapi({ description: "The display name (a pseudonym is fine)." }),
        consent: signUpConsent,
        district: z.string().trim().min(1).max(100).optional().openapi({
          description: "The district (행정동); only with the optional consent optional_district.",
        }),
      }),
    ),
  },
  responses: { 202: json(checkMail, "Check your mail."), ...errorResponses(400, 403, 415, 429) },
});

export const confirmAccountRoute = secureRoute(PUBLIC, {
  method: "post",
  path: "/api/auth/confirm-account",
  tags: ["accounts"],
  summary: "Create the account a sign-up asked for, with the token from the mailed link (then sign in)",
  request: { body: jsonBody(z.object({ token: z.string().min(1).max(200) })) },
  responses: {
    200: json(z.object({ status: z.literal(true), email: z.string() }), "The account exists; sign in."),
    ...errorResponses(400, 403, 409, 415, 429),
  },
});

export const signInRoute = secureRoute(PUBLIC, {
  method: "post",
  path: "/api/auth/sign-in/email",
  tags: ["accounts"],
  summary: "Sign in with email and password (sets the session and CSRF cookies)",
  request: { body: jsonBody(z.object({ email, password, remember_me: z.boolean().optional() })) },
  responses: { 200: json(signedIn, "Signed in."), ...errorResponses(400, 401, 403, 415, 429) },
});

export const signOutRoute = secureRoute(PUBLIC, {
  method: "post",
  path: "/api/auth/sign-out",
  tags: ["accounts"],
  summary: "End the session",
  responses: { 200: json(done, "Signed out."), ...errorResponses(403) },
});

export const sessionRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/auth/session",
  tags: ["accounts"],
  summary: "Who is signed in, with their role in each tenant (user null when anonymous)",
  responses: { 200: json(sessionSchema, "The session.") },
});

export const requestResetRoute = secureRoute(PUBLIC, {
  method: "post",
  path: "/api/auth/request-password-reset",
  tags: ["accounts"],
  summary: "Ask for a password-reset link (queued in the mail outbox; the answer is the same for any email)",
  request: { body: jsonBody(z.object({ email })) },
  responses: { 200: json(done, "Queued if the account exists."), ...errorResponses(400, 403, 415, 429) },
});

export const resetPasswordRoute = secureRoute(PUBLIC, {
  method: "post",
  path: "/api/auth/reset-password",
  tags: ["accounts"],
  summary: "Set a new password with the token from the reset link (ends every session of the account)",
  request: { body: jsonBody(z.object({ token: z.string().min(1).max(200), new_password: password })) },
  responses: { 200: json(done, "Password changed."), ...errorResponses(400, 403, 415, 429) },
});

export const changePasswordRoute = secureRoute(SIGNED_IN, {
  method: "post",
  path: "/api/auth/change-password",
  tags: ["accounts"],
  summary: "Change the signed-in account's password (ends its other sessions; clears a one-time password)",
  description:
    "The current password is asked again. The new one needs at least 12 characters, must not be a common " +
    "password and must differ from the current one.",
  request: { body: jsonBody(z.object({ current_password: password, new_password: password })) },
  responses: { 200: json(signedIn, "Password changed."), ...errorResponses(400, 401, 403, 415, 429) },
});
