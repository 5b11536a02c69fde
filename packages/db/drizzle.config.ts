// drizzle-kit configuration: `npm run db:generate -w packages/db` writes a new SQL migration from src/schema.ts.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema.ts",
  out: "./migrations",
});
