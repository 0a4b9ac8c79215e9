// A tiny HTTP client with a cookie jar, for route tests against the running portal.
export class HttpClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly base: string, private readonly headers: Record<string, string> = {}) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async request(method: string, path: string, init: { body?: string | URLSearchParams | Uint8Array; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...this.headers, ...init.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (init.body instanceof URLSearchParams) headers["content-type"] ??= "application/x-www-form-urlencoded";
    const body = init.body instanceof Uint8Array ? new Uint8Array(init.body) : init.body; // a copy on its own ArrayBuffer, as fetch types it
    const res = await fetch(new URL(path, this.base), { method, headers, body, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      // An expiry in the past or an empty value deletes the cookie.
      if (!value || /max-age=0\b|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(path: string, headers?: Record<string, string>): Promise<Response> {
    return this.request("GET", path, { headers });
  }

  post(path: string, body: string | URLSearchParams | Uint8Array, headers?: Record<string, string>): Promise<Response> {
    return this.request("POST", path, { body, headers });
  }

  /** next-auth's credentials sign-in as a browser would send it; the response is next-auth's (or the 429). */
  async signIn(email: string, password: string): Promise<Response> {
    const csrf = (await (await this.get("/api/auth/csrf")).json()) as { csrfToken: string };
    return this.post(
      "/api/auth/callback/credentials",
      new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, callbackUrl: this.base, json: "true" }),
    );
  }

  hasSession(): boolean {
    return [...this.cookies.keys()].some((k) => k.endsWith("next-auth.session-token"));
  }
}
