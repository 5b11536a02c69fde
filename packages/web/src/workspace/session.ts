/**
 * The staff's session: who is signed in (GET /api/auth/session), sign-in, sign-out and password change,
 * through the typed client. Every request that changes data carries the session's CSRF token (the
 * `citypath_csrf` cookie the server sets) in the `x-citypath-csrf` header.
 */
import type { Middleware } from "openapi-fetch";
import { type ApiClient, type ApiResult, api, result, type Schemas } from "../api/client.ts";
import { readsSignInAgain } from "./sign-in-again.ts";

export type SessionInfo = Schemas["Session"];

const CSRF_COOKIE = "citypath_csrf";
const CSRF_HEADER = "x-citypath-csrf";

function cookie(name: string): string | undefined {
  if (typeof document === "undefined") return undefined;
  for (const part of document.cookie.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method === "GET" || request.method === "HEAD") return undefined;
    const token = cookie(CSRF_COOKIE);
    if (token) request.headers.set(CSRF_HEADER, token);
    return request;
  },
};

const installed = new WeakSet<ApiClient>();
/**
 * The client with the CSRF header added to its writes and reads that meet an ended session asked again after
 * signing in (sign-in-again.ts), once per client.
 */
export function staffClient(client: ApiClient = api): ApiClient {
  if (!installed.has(client)) {
    client.http.use(csrf, readsSignInAgain);
    installed.add(client);
  }
  return client;
}

export function sessionCalls(client: ApiClient = staffClient()) {
  const { http } = client;
  return {
    session: (signal?: AbortSignal): Promise<ApiResult<SessionInfo>> =>
      result(http.GET("/api/auth/session", { signal }), signal),
    signIn: (email: string, password: string) =>
      result(http.POST("/api/auth/sign-in/email", { body: { email, password } })),
    signOut: () => result(http.POST("/api/auth/sign-out")),
    changePassword: (current: string, next: string) =>
      result(
        http.POST("/api/auth/change-password", { body: { current_password: current, new_password: next } }),
      ),
  };
}
