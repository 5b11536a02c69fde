/**
 * The department register (decision 0083): the tenant's admins add a department or rename one; its id never
 * changes, so no membership, action, plan or budget line that names it breaks.
 */

import { CitypathError, problem } from "@citypath/core";
import {
  CITY_REGISTER_SOURCE,
  cityRegisterSource,
  type Department,
  DepartmentSchema,
} from "@citypath/core/agenda/index";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { recordChange } from "../../services/audit.ts";
import { listDepartmentsRoute, putDepartmentRoute } from "./schema.ts";

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(listDepartmentsRoute, async (c) => {
    const t = c.get("tenant");
    const { departments } = await c.get("deps").store.agenda.registers(t.id);
    return c.json({ tenant: t.slug, departments }, 200);
  });

  app.openapi(putDepartmentRoute, async (c) => {
    const t = c.get("tenant");
    const { department: id } = c.req.valid("param");
    const body = c.req.valid("json");
    const out = await recordChange(c.get("deps").store, c.get("caller"), async (st) => {
      const reg = await st.agenda.registers(t.id);
      const before = reg.departments.find((d) => d.id === id);
      if (body.parent !== undefined && !reg.departments.some((d) => d.id === body.parent && d.id !== id))
        throw new CitypathError(
          problem("UNKNOWN_REFERENCE", `No other department "${body.parent}" in the register.`, {
            path: "json.parent",
          }),
        );
      const { parent: _p, ...kept } = before ?? { source: CITY_REGISTER_SOURCE };
      const department: Department = DepartmentSchema.parse({
        ...kept,
        id,
        name: body.name,
        ...(body.parent !== undefined ? { parent: body.parent } : {}),
      });
      const departments = before
        ? reg.departments.map((d) => (d.id === id ? department : d))
        : [...reg.departments, department];
      const needsSource = !before && !reg.sources.some((s) => s.id === CITY_REGISTER_SOURCE);
      await st.agenda.putRegisters(t.id, {
        departments,
        ...(needsSource ? { sources: [...reg.sources, cityRegisterSource()] } : {}),
      });
      return {
        result: { department, created: !before },
        audit: {
          tenantId: t.id,
          action: before ? "update" : "create",
          entity: "department",
          entityId: id,
          before: before ?? null,
          after: department,
        },
      };
    });
    return c.json(out, 200);
  });
}
