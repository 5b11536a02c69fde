import { CitypathError, problem } from "@citypath/core";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { presentMember } from "../../presenters/account.ts";
import { recordChange } from "../../services/audit.ts";
import { notFound } from "../common.ts";
import { listMembersRoute, putMemberRoute } from "./schema.ts";

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(listMembersRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    return c.json({ tenant: t.slug, members: (await store.memberships.list(t.id)).map(presentMember) }, 200);
  });

  app.openapi(putMemberRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const body = c.req.valid("json");
    const known = Array.isArray(t.settings.departments) ? (t.settings.departments as string[]) : [];
    const problems = [];
    if (body.role === "editor" && body.departments.length === 0)
      problems.push(
        problem("MISSING_VALUE", "An editor works for at least one department.", {
          path: "json.departments",
        }),
      );
    if (body.role !== "editor" && body.departments.length > 0)
      problems.push(problem("BAD_VALUE", "Only editors have departments.", { path: "json.departments" }));
    body.departments.forEach((d, i) => {
      if (!known.includes(d))
        problems.push(
          problem(
            "UNKNOWN_REFERENCE",
            `"${d}" is not one of ${t.slug}'s departments (${known.join(", ")}).`,
            {
              path: `json.departments.${i}`,
            },
          ),
        );
    });
    if (problems.length) throw new CitypathError(problems);
    const user = await store.users.byEmail(body.email);
    if (!user) throw notFound(`No account with the email ${body.email}.`, "json.email");
    const member = await recordChange(store, c.get("caller"), async (s) => {
      const before = (await s.memberships.list(t.id)).find((m) => m.userId === user.id);
      await s.memberships.put(t.id, user.id, body.role, body.departments);
      const after = (await s.memberships.list(t.id)).find((m) => m.userId === user.id)!;
      return {
        result: after,
        audit: {
          tenantId: t.id,
          action: before ? "update" : "create",
          entity: "membership",
          entityId: user.id,
          before: before ? { role: before.role, departments: before.departments } : null,
          after: { role: after.role, departments: after.departments },
        },
      };
    });
    return c.json(presentMember(member), 200);
  });
}
