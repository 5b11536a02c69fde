import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

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
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === "chunk" && (c.facadeModuleId ?? "").endsWith("/src/charts/echarts.ts"),
        );
        if (!chunk) throw new Error("the build has no chunk for src/charts/echarts.ts");
        const preload =
          `if (!${NO_CHARTS}.test(location.pathname)) {` +
          ` const l = document.createElement("link"); l.rel = "modulepreload"; l.crossOrigin = "";` +
          ` l.href = ${JSON.stringify(`/${chunk.fileName}`)}; document.head.appendChild(l); }`;
        return [{ tag: "script", children: preload, injectTo: "head" }];
      },
    },
  };
}

// The built app (dist/) is served by packages/server at "/", the API under "/api/".
// In development, /api is proxied to a running server (CITYPATH_API, default http://127.0.0.1:3000).
export default defineConfig({
  plugins: [react(), preloadCharts()],
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  worker: { format: "es" },
  server: {
    proxy: {
      "/api": { target: process.env.CITYPATH_API ?? "http://127.0.0.1:3000", changeOrigin: false },
    },
  },
});
