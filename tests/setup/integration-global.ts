// One PostgreSQL and one Meilisearch for the whole integration tier. The schema is migrated once
// into a template database; each test file then copies it (tests/helpers/test-db.ts), which takes
// milliseconds instead of a migration run.
import pg from "pg";
import type { TestProject } from "vitest/node";
import { prepareDatabase } from "../../lib/db/prepare-database";
import { startTestStack } from "./stack";

export const TEMPLATE_DB = "shouwen_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    /** pgAdminUrl with the restricted app role's user and password. */
    pgAppUrl: string;
    pgTemplateDb: string;
    meiliHost: string;
    meiliKey: string;
  }
}

export default async function setup(project: TestProject) {
  const stack = await startTestStack("it");
  try {
    const admin = new pg.Client({ connectionString: stack.adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
    } finally {
      await admin.end();
    }
    // Migrations as the owner, grants for the app role: copies of the template keep both.
    await prepareDatabase({ ownerUrl: stack.urlFor(TEMPLATE_DB), appUrl: stack.appUrlFor(TEMPLATE_DB), embedded: true, log: () => undefined });
  } catch (err) {
    await stack.stop();
    throw err;
  }
  project.provide("pgAdminUrl", stack.adminUrl);
  project.provide("pgAppUrl", stack.appUrlFor("postgres"));
  project.provide("pgTemplateDb", TEMPLATE_DB);
  project.provide("meiliHost", stack.meiliHost);
  project.provide("meiliKey", stack.meiliKey);
  return async () => {
    await stack.stop();
  };
}
