import { createContext, useContext } from "react";
import type { Locale } from "../format.ts";
import type { Membership } from "./access.ts";
import type { SessionInfo } from "./session.ts";

/** The signed-in person's workspace: their city (from their membership), role and departments. */
export interface WorkspaceContext {
  locale: Locale;
  tenant: string;
  membership: Membership;
  session: SessionInfo;
  /** A workspace address in this city and language (`path` after /workspace/, a `#fragment` or `?query`). */
  href(path: readonly string[], rest?: string): string;
}

export const WsContext = createContext<WorkspaceContext | null>(null);

/** The workspace context; the pages under the navigation are only rendered with one. */
export function useWs(): WorkspaceContext {
  const c = useContext(WsContext);
  if (!c) throw new Error("a workspace page outside the signed-in workspace");
  return c;
}
