// Request lists for autocannon (loaded by bench/lib/server.ts's `cannon` in the load generator's process).
// Each export takes the bench's options ({ base, session, data }) and returns autocannon's `requests`.

/**
 * An authenticated write per request: each connection keeps its own import profile and updates it on the
 * version it last saw, so that every request is a real update (a transaction with its audit record), not a 409.
 */
function profileWrite(opts, prefix) {
  return {
    method: "PUT",
    setupRequest(req, context) {
      if (context.n === undefined) {
        context.n = globalThis.__next = (globalThis.__next ?? 0) + 1;
        context.v = 0;
      }
      return {
        ...req,
        path: `/api/tenants/jeonju/import-profiles/${prefix}-${context.n}`,
        headers: {
          "content-type": "application/json",
          cookie: opts.session.cookie,
          "x-citypath-csrf": opts.session.csrf,
        },
        body: JSON.stringify({
          base_version: context.v,
          name: `bench ${context.n} v${context.v + 1}`,
          kind: "activity",
          mapping: { amount: "사용량", unit: "단위" },
        }),
      };
    },
    onResponse(status, body, context) {
      if (status === 200) context.v = JSON.parse(body).version;
      else if (status === 409) context.v = JSON.parse(body).error.current_version;
    },
  };
}

/** Writes only (bench:api's authenticated write). */
export function writes(opts) {
  return [profileWrite(opts, opts.data?.prefix ?? "bench")];
}

/**
 * The mixed load (bench:load): per connection, four public reads a visitor's pages make (the inventory
 * summary, the agenda's actions, a scenario's pathway, the plans) and one authenticated write, in turn.
 */
export function mixed(opts) {
  const { pathway } = opts.data;
  return [
    { method: "GET", path: "/api/tenants/jeonju/inventories/latest/summary" },
    { method: "GET", path: "/api/tenants/jeonju/actions" },
    { method: "GET", path: pathway },
    { method: "GET", path: "/api/tenants/jeonju/plans" },
    profileWrite(opts, opts.data?.prefix ?? "load"),
  ];
}

/** One GET, again and again (bench:api's read and the bare server). */
export function get(opts) {
  return [{ method: "GET", path: opts.data.path }];
}

/**
 * Supports (bench:participation): each connection takes its own comment and alternates support and
 * withdrawal, so that every request changes a count (a transaction with its audit record).
 */
export function supports(opts) {
  const ids = opts.data.contributions;
  return [
    {
      setupRequest(req, context) {
        if (context.n === undefined) {
          context.n = globalThis.__nextSupport = (globalThis.__nextSupport ?? -1) + 1;
          context.on = false;
        }
        context.on = !context.on;
        return {
          ...req,
          method: context.on ? "PUT" : "DELETE",
          path: `/api/tenants/jeonju/contributions/${ids[context.n % ids.length]}/support`,
          // no body: an empty one, said so (a PUT whose length is unknown would be refused as not JSON)
          headers: {
            cookie: opts.session.cookie,
            "x-citypath-csrf": opts.session.csrf,
            "content-length": "0",
          },
        };
      },
    },
  ];
}

/**
 * Supports by many residents (bench:participation): connection n takes comment n and the accounts k with
 * k % connections === n, and goes round them, each account alternating support and withdrawal on that
 * comment, so that every request changes a count and no account sends more than a person could.
 */
export function residentSupports(opts) {
  const { contributions: ids, sessions, connections } = opts.data;
  return [
    {
      setupRequest(req, context) {
        if (context.n === undefined) {
          context.n = globalThis.__nextResident = (globalThis.__nextResident ?? -1) + 1;
          context.mine = sessions.filter((_, k) => k % connections === context.n % connections);
          context.on = context.mine.map(() => false);
          context.i = -1;
        }
        context.i = (context.i + 1) % context.mine.length;
        const s = context.mine[context.i];
        context.on[context.i] = !context.on[context.i];
        return {
          ...req,
          method: context.on[context.i] ? "PUT" : "DELETE",
          path: `/api/tenants/jeonju/contributions/${ids[context.n % ids.length]}/support`,
          headers: { cookie: s.cookie, "x-citypath-csrf": s.csrf, "content-length": "0" },
        };
      },
    },
  ];
}
