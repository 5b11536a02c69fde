// Request lists for autocannon (loaded by bench/lib/server.ts's `cannon` in the load generator's process).
// Each export takes the bench's options ({ base, session, data }) and returns autocannon's `requests`.

// autocannon clears a connection's `context` each time it comes back to the start of its request list (with
// a one-request list: before every request), so what must last longer than one round of the list is kept
// here, in the load generator's module, not in `context`; `context` only carries a request to its answer.

/** Import profiles not being written at the moment, each with the version last seen. */
const idleProfiles = new Map();

/**
 * An authenticated write per request: an import profile updated on the version last seen, so that every
 * request is a real update (a transaction with its audit record), not a 409. A request takes a profile no
 * other request is writing (a new one, created on version 0, when all are in flight) and gives it back with
 * the version its answer names, so the first round creates one profile per connection and every later
 * request updates one.
 */
function profileWrite(opts, prefix) {
  return {
    method: "PUT",
    setupRequest(req, context) {
      const key = `${prefix}:`;
      let slot;
      for (const [k, v] of idleProfiles)
        if (k.startsWith(key)) {
          slot = v;
          idleProfiles.delete(k);
          break;
        }
      if (!slot) {
        globalThis.__nextProfile = (globalThis.__nextProfile ?? 0) + 1;
        slot = { n: globalThis.__nextProfile, v: 0 };
      }
      context.slot = slot;
      return {
        ...req,
        path: `/api/tenants/jeonju/import-profiles/${prefix}-${slot.n}`,
        headers: {
          "content-type": "application/json",
          cookie: opts.session.cookie,
          "x-citypath-csrf": opts.session.csrf,
        },
        body: JSON.stringify({
          base_version: slot.v,
          name: `bench ${slot.n} v${slot.v + 1}`,
          kind: "activity",
          mapping: { amount: "사용량", unit: "단위" },
        }),
      };
    },
    onResponse(status, body, context) {
      const slot = context.slot;
      if (!slot) return;
      if (status === 200 || status === 201) slot.v = JSON.parse(body).version;
      else if (status === 409) slot.v = JSON.parse(body).error.current_version;
      idleProfiles.set(`${prefix}:${slot.n}`, slot);
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

/** One request of the mixed load alone, `data.index` (0-4) naming which (bench:load's cost per route). */
export function one(opts) {
  return [mixed(opts)[opts.data.index]];
}

/** One GET, again and again (bench:api's read and the bare server). */
export function get(opts) {
  return [{ method: "GET", path: opts.data.path }];
}

/** Resident k's address (bench:participation; the same function is in bench/participation.ts). */
export const residentAddress = (k) => `10.${100 + ((k >> 16) & 255)}.${(k >> 8) & 255}.${k & 255}`;

/** Residents not sending at the moment, the one idle longest first, and whether each supports its comment. */
let idleResidents;

/**
 * Supports by many residents (bench:participation): each request is sent by the resident who has waited
 * longest since their last answer (none sends two at once), on comment k % comments for resident k, and
 * alternates support and withdrawal, so every request changes a count and the load is shared evenly: over a
 * run of R requests a second for T seconds each of the N residents sends R * T / N, which the bench keeps under
 * an account's 60 supports a minute.
 */
export function residentSupports(opts) {
  const { contributions: ids, sessions } = opts.data;
  idleResidents ??= sessions.map((s, k) => ({ s, k, on: false }));
  return [
    {
      setupRequest(req, context) {
        const r = idleResidents.shift();
        if (!r)
          throw new Error("more connections than residents: a resident would send two supports at once");
        context.resident = r;
        return {
          ...req,
          method: r.on ? "DELETE" : "PUT",
          path: `/api/tenants/jeonju/contributions/${ids[r.k % ids.length]}/support`,
          // no body: an empty one, said so (a PUT whose length is unknown would be refused as not JSON)
          // each resident from an address of their own, as people at home are (the server trusts the proxy's
          // header in this bench), so the per-address limit counts each person apart, as it would
          headers: {
            cookie: r.s.cookie,
            "x-citypath-csrf": r.s.csrf,
            "content-length": "0",
            "x-forwarded-for": residentAddress(r.k),
          },
        };
      },
      onResponse(status, _body, context) {
        const r = context.resident;
        if (!r) return;
        if (status >= 200 && status < 300) r.on = !r.on;
        idleResidents.push(r);
      },
    },
  ];
}
