/**
 * Writes that survive an expired session: `useGuardedCall()` runs a call; when the server answers 401 (the
 * session ended or was revoked while a form was being filled in), a modal sign-in dialog opens in place,
 * over the untouched form, and after signing in the same call is sent again (with the new session's CSRF
 * token, read at send time). Cancelling the dialog returns the 401 to the form, which keeps what was typed.
 * The dialog is a native modal <dialog>: the page behind is inert, Escape cancels, and the focus returns to
 * where it was.
 *
 * Reads too: a page's data load (any GET through the staff client) answered 401 waits for the same dialog
 * and is asked again once signed in, so the page loads as if nothing had happened and nothing on it (forms
 * typed in, filters) is unmounted. Calls that fail at the same time share one dialog.
 */
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiResult } from "../api/client.ts";
import { SignInForm } from "./SignInForm.tsx";
import { setSignInAsker } from "./sign-in-again.ts";
import { keys } from "./staff.ts";

type Guarded = <T>(call: () => Promise<ApiResult<T>>) => Promise<ApiResult<T>>;

const GuardContext = createContext<Guarded>((call) => call());

/** The guarded runner of the nearest SessionGuard (outside one: the call as it is). */
export function useGuardedCall(): Guarded {
  return useContext(GuardContext);
}

export function SessionGuard(props: { children: ReactNode }) {
  const [waiting, setWaiting] = useState<((signedIn: boolean) => void) | null>(null);
  const queryClient = useQueryClient();
  // one dialog for every call that meets the 401 while it is open
  const pending = useRef<Promise<boolean> | null>(null);
  const ask = useCallback(() => {
    pending.current ??= new Promise<boolean>((resolve) =>
      setWaiting(() => (signedIn: boolean) => {
        pending.current = null;
        resolve(signedIn);
      }),
    );
    return pending.current;
  }, []);
  useEffect(() => setSignInAsker(ask), [ask]);
  const run = useCallback<Guarded>(
    async (call) => {
      for (;;) {
        const r = await call();
        if (r.ok || r.error.status !== 401) return r;
        if (!(await ask())) return r;
      }
    },
    [ask],
  );
  const done = useCallback(
    (signedIn: boolean) => {
      waiting?.(signedIn);
      setWaiting(null);
      if (signedIn) void queryClient.invalidateQueries({ queryKey: keys.session });
    },
    [waiting, queryClient],
  );
  return (
    <GuardContext.Provider value={run}>
      {props.children}
      {waiting && <SignInAgain onDone={done} />}
    </GuardContext.Provider>
  );
}

function SignInAgain(props: { onDone: (signedIn: boolean) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const { onDone } = props;
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => {
      if (d?.open) d.close();
      before?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="ws-dialog"
      aria-labelledby="signin-title"
      aria-describedby="signin-again-lead"
      onCancel={(e) => {
        e.preventDefault();
        onDone(false);
      }}
    >
      <p id="signin-again-lead">{t("wk.guard.lead")}</p>
      <SignInForm onSignedIn={() => onDone(true)} />
      <button type="button" className="button button--secondary" onClick={() => onDone(false)}>
        {t("wk.guard.cancel")}
      </button>
    </dialog>
  );
}
