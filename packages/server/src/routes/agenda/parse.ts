/** Whole agenda records sent in a body, checked by the core's schemas. */
import { CitypathError, problem } from "@citypath/core";

/** Parses a whole record with the core's schema; every problem with its path under `json.<name>`. */
export function parseWhole<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
  name: string,
  pathId: string,
): T {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new CitypathError(
      r.error.issues.map((i) =>
        problem("BAD_VALUE", i.message, { path: ["json", name, ...i.path.map(String)].join(".") }),
      ),
    );
  const id = (r.data as { id: string }).id;
  if (id !== pathId)
    throw new CitypathError(
      problem("BAD_VALUE", `The ${name}'s id is "${id}" but the path names "${pathId}".`, {
        path: `json.${name}.id`,
      }),
    );
  return r.data;
}
