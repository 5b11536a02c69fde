/**
 * A page of comments as the server sends it (each top-level comment followed by its replies, `depth` 0 to
 * 2, `parent` naming the comment replied to) as a tree for nested lists; and the small rules the page
 * shows before anyone tries (the 5-minute edit window, who may reply where).
 */
import { EDIT_WINDOW_MS, MAX_REPLY_DEPTH } from "@citypath/core/participation/rules";

export interface ThreadItem {
  id: string;
  parent: string | null;
  depth: number;
}

export interface Thread<T extends ThreadItem> {
  item: T;
  replies: Thread<T>[];
}

/**
 * The page's items as trees, in the server's order. A reply whose parent is not on the page (it cannot
 * happen with the server's pages, but a deleted parent might be left out) is shown at the top level rather
 * than lost.
 */
export function threads<T extends ThreadItem>(items: readonly T[]): Thread<T>[] {
  const byId = new Map<string, Thread<T>>();
  const top: Thread<T>[] = [];
  for (const item of items) {
    const node: Thread<T> = { item, replies: [] };
    byId.set(item.id, node);
    const parent = item.parent ? byId.get(item.parent) : undefined;
    if (parent) parent.replies.push(node);
    else top.push(node);
  }
  return top;
}

/** May one reply to this comment (replies go two levels deep)? */
export function mayReplyTo(item: { depth: number }): boolean {
  return item.depth < MAX_REPLY_DEPTH;
}

/**
 * Milliseconds left to edit one's own contribution (0 when the window has closed or it is not one's own or
 * no longer visible).
 */
export function editTimeLeft(
  c: { created_at: string; author: { me: boolean }; moderation: string },
  now: number,
): number {
  if (!c.author.me || c.moderation !== "visible") return 0;
  return Math.max(0, Date.parse(c.created_at) + EDIT_WINDOW_MS - now);
}

/** The number of pages of `total` items at `size` a page (at least 1). */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, size)));
}
