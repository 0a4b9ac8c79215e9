import type { z } from "zod";
import { ValidationError } from "./errors";

/** Parses input with its schema; on failure throws a ValidationError naming each field and why. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || (issue.code === "unrecognized_keys" ? (issue as { keys?: string[] }).keys?.join(",") ?? "_" : "_");
    fields[key] ??= issue.code === "unrecognized_keys" ? "不允许提交此字段" : issue.message;
  }
  throw new ValidationError(fields);
}
