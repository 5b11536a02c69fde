/**
 * Reads that meet an ended session: the staff client's middleware sends a GET answered 401 again once the
 * person has signed in through the workspace's dialog (guard.tsx registers the question while it is
 * mounted). The session question itself answers 200 when nobody is signed in, so it never waits here.
 * Outside the workspace nothing is registered and a 401 goes to the page as it was.
 */
import type { Middleware } from "openapi-fetch";

let askSignIn: (() => Promise<boolean>) | null = null;

/** Registers the question "sign in again?" (true once signed in); the returned function unregisters it. */
export function setSignInAsker(ask: () => Promise<boolean>): () => void {
  askSignIn = ask;
  return () => {
    if (askSignIn === ask) askSignIn = null;
  };
}

export const readsSignInAgain: Middleware = {
  async onResponse({ request, response }) {
    if (response.status !== 401 || request.method !== "GET" || !askSignIn) return undefined;
    let answer = response;
    while (answer.status === 401) {
      const ask = askSignIn;
      // cancelled: the page gets the 401 and says the person is signed out
      if (!ask || !(await ask())) return answer;
      answer = await fetch(new Request(request));
    }
    return answer;
  },
};
