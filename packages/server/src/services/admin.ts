/**
 * The first administrator, created on the very first start only (no user exists yet). Its email and password
 * come from CITYPATH_ADMIN_EMAIL / CITYPATH_ADMIN_PASSWORD; without a password a random one is generated and
 * printed once. The password is stored as an argon2id hash in the "credential" account, as better-auth's
 * email-and-password sign-in expects it.
 */
import { randomBytes } from "node:crypto";
import type { Store } from "@citypath/db";
import { hash } from "@node-rs/argon2";

export const DEFAULT_ADMIN_EMAIL = "admin@citypath.local";
export const MIN_PASSWORD_LENGTH = 12;

export type FirstAdmin =
  | { readonly created: false }
  | { readonly created: true; readonly email: string; readonly generatedPassword: string | undefined };

export function hashPassword(password: string): Promise<string> {
  // argon2id with the library's defaults (19 MiB, 2 passes): OWASP's minimum recommendation.
  return hash(password);
}

export async function ensureFirstAdmin(
  store: Store,
  env: { email?: string | undefined; password?: string | undefined },
): Promise<FirstAdmin> {
  if ((await store.users.count()) > 0) return { created: false };
  const email = (env.email ?? DEFAULT_ADMIN_EMAIL).trim();
  if (!/^[^@\s]+@[^@\s]+$/.test(email))
    throw new Error(`CITYPATH_ADMIN_EMAIL "${email}" is not an email address.`);
  if (env.password !== undefined && env.password.length < MIN_PASSWORD_LENGTH)
    throw new Error(`CITYPATH_ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  const generated = env.password === undefined ? randomBytes(15).toString("base64url") : undefined;
  const passwordHash = await hashPassword(env.password ?? generated!);
  await store.transaction(async (s) => {
    // a printed one-time password is changed at the first sign-in; one the operator chose is kept
    const u = await s.users.create({
      name: "Administrator",
      email,
      role: "admin",
      mustChangePassword: generated !== undefined,
    });
    await s.users.setPasswordHash(u.id, passwordHash);
  });
  return { created: true, email, generatedPassword: generated };
}
