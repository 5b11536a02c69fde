/**
 * What every participation page shares: the `pt` texts, the QueryClient (the workspace's: one cache for the
 * signed-in person's pages) and who is signed in, with their standing in the city (email confirmed,
 * verified resident, blocked, badge). Nobody signed in is a normal state here, not an error.
 */
import { QueryClientProvider, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { addParticipationTexts } from "../i18n/participation.ts";
import { type SessionInfo, sessionCalls } from "../workspace/session.ts";
import { keys, unwrap, workspaceQueryClient } from "../workspace/staff.ts";
import { type ParticipationMe, participationCalls, ptKeys } from "./api.ts";

export function ParticipationShell(props: { children: ReactNode }) {
  const { i18n } = useTranslation();
  addParticipationTexts(i18n);
  return <QueryClientProvider client={workspaceQueryClient()}>{props.children}</QueryClientProvider>;
}

export interface Standing {
  /** null while loading. */
  session: SessionInfo | null;
  /** The caller's standing in the city; null when nobody is signed in (or while loading). */
  me: ParticipationMe | null;
  loading: boolean;
}

export function useStanding(slug: string | null): Standing {
  const session = useQuery({
    queryKey: keys.session,
    queryFn: ({ signal }) => unwrap(sessionCalls().session(signal)),
  });
  const signedIn = Boolean(session.data?.user);
  const me = useQuery({
    queryKey: ptKeys.me(slug ?? ""),
    queryFn: ({ signal }) => unwrap(participationCalls().me(slug ?? "", signal)),
    enabled: signedIn && Boolean(slug),
  });
  return {
    session: session.data ?? null,
    me: me.data ?? null,
    loading: session.isPending || (signedIn && me.isPending),
  };
}
