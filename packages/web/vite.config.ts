import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The built app (dist/) is served by packages/server at "/", the API under "/api/".
// In development, /api is proxied to a running server (CITYPATH_API, default http://127.0.0.1:3000).
export default defineConfig({
  plugins: [react()],
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
