import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * index.html with `code` as an inline script just before its first inline script (after the head's meta
 * elements): the preloads start before index.html's own script runs, which asks for the first answers and
 * reads the browser's storage (decision 0094).
 */
function beforeFirstScript(html: string, code: string): string {
  const at = html.indexOf("<script>");
  if (at < 0) throw new Error("index.html has no inline script");
  return `${html.slice(0, at)}<script>${code}</script>\n    ${html.slice(at)}`;
}

/** The addresses of the pages that never draw a chart (src/app/router.ts's routes of the same names). */
const NO_CHARTS = String.raw`/^\/(ko|en)\/(consultations|account)(\/|$)/`;

/**
 * The chart library's chunk (src/charts/echarts.ts, loaded lazily) named in index.html as a module to
 * preload: the browser fetches and compiles it beside the app's own code instead of after it has run. Not on
 * the pages that never draw a chart (the consultations and the account pages): there
 * its half a megabyte would only compete with the page's own code for the first draw. A small script in the
 * head adds the preload by the address (docs/decisions/0074).
 */
function preloadCharts(): Plugin {
  return {
    name: "citypath-preload-charts",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === "chunk" && (c.facadeModuleId ?? "").endsWith("/src/charts/echarts.ts"),
        );
        if (!chunk) throw new Error("the build has no chunk for src/charts/echarts.ts");
        const preload =
          `if (!${NO_CHARTS}.test(location.pathname)) {` +
          ` const l = document.createElement("link"); l.rel = "modulepreload"; l.crossOrigin = "";` +
          ` l.href = ${JSON.stringify(`/${chunk.fileName}`)}; document.head.appendChild(l); }`;
        return beforeFirstScript(html, preload);
      },
    },
  };
}

/** A consultation's page (src/app/router.ts's route "consultation"). */
const CONSULTATION_PAGE = String.raw`/^\/(ko|en)\/consultations\/[^/]+\/?$/`;

/**
 * On a consultation's page, its code named in index.html as modules to preload (the page's chunk and the
 * chunks it imports that the entry does not), and its style sheet: the browser fetches and compiles them
 * while the entry loads and runs, instead of after the entry has run and asked for the page (decision 0086).
 */
function preloadConsultationPage(): Plugin {
  return {
    name: "citypath-preload-consultation-page",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === "chunk");
        const page = chunks.find((c) =>
          (c.facadeModuleId ?? "").endsWith("/src/participation/ConsultationPage.tsx"),
        );
        const entry = chunks.find((c) => c.isEntry);
        if (!page || !entry)
          throw new Error("the build has no chunk for src/participation/ConsultationPage.tsx");
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        // what the entry loads already (its static imports, as index.html preloads them)
        const loaded = new Set<string>();
        const walk = (name: string, into: Set<string>) => {
          if (into.has(name)) return;
          into.add(name);
          for (const i of byName.get(name)?.imports ?? []) walk(i, into);
        };
        walk(entry.fileName, loaded);
        const wanted = new Set<string>();
        walk(page.fileName, wanted);
        const scripts = [...wanted].filter((n) => !loaded.has(n)).map((n) => `/${n}`);
        const styles = [...wanted]
          .filter((n) => !loaded.has(n))
          .flatMap((n) => [...(byName.get(n)?.viteMetadata?.importedCss ?? [])])
          .map((n) => `/${n}`);
        const preload =
          `if (${CONSULTATION_PAGE}.test(location.pathname)) {` +
          ` for (const h of ${JSON.stringify(scripts)}) { const l = document.createElement("link"); l.rel = "modulepreload"; l.crossOrigin = ""; l.href = h; document.head.appendChild(l); }` +
          ` for (const h of ${JSON.stringify(styles)}) { const l = document.createElement("link"); l.rel = "preload"; l.as = "style"; l.href = h; document.head.appendChild(l); } }`;
        return beforeFirstScript(html, preload);
      },
    },
  };
}

// The built app (dist/) is served by packages/server at "/", the API under "/api/".
// In development, /api is proxied to a running server (CITYPATH_API, default http://127.0.0.1:3000).
export default defineConfig({
  plugins: [react(), preloadCharts(), preloadConsultationPage()],
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    // every browser the site supports (ES2022) follows <link rel="modulepreload"> itself; Vite's polyfill
    // for those that do not (0.6 KB gzipped) was the public pages' largest piece of code nobody runs
    modulePreload: { polyfill: false },
  },
  worker: { format: "es" },
  server: {
    proxy: {
      "/api": { target: process.env.CITYPATH_API ?? "http://127.0.0.1:3000", changeOrigin: false },
    },
  },
});
