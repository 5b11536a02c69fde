/**
 * The one way the drizzle handle leaves this package. better-auth's drizzle adapter runs its own queries on
 * its four tables (user, session, account, verification), so it is given the store's handle and those
 * tables; everything else outside db goes through the Store's repositories (a server test keeps it so).
 */
import type { Db } from "./connect.ts";
import * as t from "./schema.ts";
import type { Store } from "./store.ts";

export function betterAuthDatabase(store: Store): {
  readonly handle: Db;
  readonly tables: {
    readonly user: typeof t.user;
    readonly session: typeof t.session;
    readonly account: typeof t.account;
    readonly verification: typeof t.verification;
  };
} {
  return {
    handle: store.db,
    tables: { user: t.user, session: t.session, account: t.account, verification: t.verification },
  };
}
