/// <reference types="vite/client" />

interface Window {
  /** What index.html asked for before the app's code loaded, by path (src/api/early.ts takes it in). */
  __citypathEarly?: Record<string, Promise<Response>> | undefined;
}
