/**
 * Pending verifications (better-auth's verification table, shared with its password-reset tokens): a value
 * kept under an identifier until it is taken once or expires. The server keeps pending sign-ups here under
 * the hash of the token it mails.
 */
import { randomUUID } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import type { Db } from "./connect.ts";
import * as t from "./schema.ts";
import type { Store } from "./store.ts";

export function verificationsRepository(db: Db): Store["verifications"] {
  return {
    async put(input, now) {
      // the expired ones are cleared on the way
      await db.delete(t.verification).where(lt(t.verification.expiresAt, now));
      await db.insert(t.verification).values({
        id: randomUUID(),
        identifier: input.identifier,
        value: input.value,
        expiresAt: input.expiresAt,
      });
    },
    async take(identifier, now) {
      const [r] = await db
        .delete(t.verification)
        .where(and(eq(t.verification.identifier, identifier), gt(t.verification.expiresAt, now)))
        .returning({ value: t.verification.value });
      return r?.value;
    },
  };
}
