import { z } from "zod";

/** The query of POST /api/admin/org-import (the file itself is the raw body). */
export const orgImportQuery = z
  .object({
    apply: z.enum(["0", "1"], { error: "apply 只能是 0 或 1" }).default("0"),
    full: z.enum(["0", "1"], { error: "full 只能是 0 或 1" }).default("0"),
    hash: z.string().regex(/^[0-9a-f]{32}$/, "预览编号无效").optional(),
  })
  .strict();
