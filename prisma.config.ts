// Prisma CLI configuration. The CLI is used only for `prisma generate` (and, as a dev tool, SQL diffs);
// migrations are applied by scripts/migrate.ts. No datasource URL is needed for either.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
});
