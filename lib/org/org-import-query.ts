import { z } from "zod";
import { fieldKey } from "../errors";

/** The query of POST /api/admin/org-import (the file itself is the raw body). */
export const orgImportQuery = z
  .object({
    apply: z.enum(["0", "1"], { error: fieldKey("errors.field.applyFlag") }).default("0"),
    full: z.enum(["0", "1"], { error: fieldKey("errors.field.fullFlag") }).default("0"),
    hash: z.string().regex(/^[0-9a-f]{32}$/, fieldKey("errors.field.previewIdInvalid")).optional(),
  })
  .strict();
