/**
 * A list's settings (sort, badge filter, page) as the address gives them: the consultation page reads them,
 * and so does the entry, which asks for the first page of comments before the page's code has loaded.
 */
import { BADGES, COMMENT_SORTS, type CommentSort } from "@citypath/core/participation/vocabulary";
import type { PageQuery } from "./api.ts";

/** The list's settings read from the address (unknown values fall back to the defaults). */
export function readPageQuery(q: URLSearchParams, prefix: "" | "p" = ""): PageQuery {
  const sort = q.get(`${prefix}sort`);
  const badge = q.get(`${prefix}badge`);
  const page = Number(q.get(`${prefix}page`));
  return {
    sort: (COMMENT_SORTS as readonly string[]).includes(sort ?? "") ? (sort as CommentSort) : "newest",
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    ...((BADGES as readonly string[]).includes(badge ?? "") ? { badge: badge as "council" | "expert" } : {}),
  };
}
