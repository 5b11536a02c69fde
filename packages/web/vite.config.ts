import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * The chart library's chunk (src/charts/echarts.ts, loaded lazily) named in index.html as a module to
 * preload: the browser fetches and compiles it beside the app's own code instead of after it has run.
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
        return [
          {
            tag: "link",
            attrs: { rel: "modulepreload", crossorigin: true, href: `/${chunk.fileName}` },
            injectTo: "head",
          },
        ];
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
