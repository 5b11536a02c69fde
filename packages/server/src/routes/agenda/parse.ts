/** Whole agenda records sent in a body (checked by the core's schemas in the route's body schema). */
import { CitypathError, problem } from "@citypath/core";

/** The record, when its id is the one the path names; else 400 at `json.<name>.id`. */
export function sameId<T extends { readonly id: string }>(record: T, name: string, pathId: string): T {
  if (record.id !== pathId)
    throw new CitypathError(
      problem("BAD_VALUE", `The ${name}'s id is "${record.id}" but the path names "${pathId}".`, {
        path: `json.${name}.id`,
      }),
    );
  return record;
}
