// Browser-side calls to the portal's JSON API (same origin; the server checks everything).
import { activeT } from "./i18n-provider";

export interface ApiError {
  status: number;
  message: string;
  fields?: Record<string, string>;
  found?: { phrase: string; suggestion: string }[];
}

export async function api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const res = await fetch(path, {
    method: init?.method ?? (init?.body === undefined ? "GET" : "POST"),
    headers: init?.body === undefined ? {} : { "content-type": "application/json" },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const json = (await res.json().catch(() => ({}))) as { error?: { message?: string; fields?: Record<string, string>; found?: ApiError["found"] } };
  if (!res.ok) {
    const err: ApiError = { status: res.status, message: json.error?.message ?? activeT()?.("api.failed", { status: res.status }) ?? `HTTP ${res.status}`, fields: json.error?.fields, found: json.error?.found };
    throw err;
  }
  return json as T;
}
