// Behind a TLS-terminating reverse proxy (docs/operations.md section 4), as deployed: a second portal
// on the same production build with NEXTAUTH_URL=https://… and TRUST_PROXY=true, and a real node:https
// proxy in front of it with a throwaway self-signed certificate. The session cookie must be Secure
// there (and only there: the tier's plain-http portal must not set it), and the Origin check of writes
// must compare against the host the proxy forwards, not the portal's own address.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findFreePort } from "@/lib/embedded/ports";
import { portalEnv, startPortal } from "../../scripts/lib/throwaway-portal";
import { usePortal } from "../helpers/browser";
import { makeUser, TEST_PASSWORD } from "../helpers/factories";
import { HttpClient } from "../helpers/http";
import { withTempDir } from "../helpers/temp-dir";

const h = usePortal();
const undo: (() => Promise<void>)[] = [];
let publicUrl: string;
let portalUrl: string;
let ca: string;

/** A self-signed certificate for 127.0.0.1, valid one day, made offline by the openssl CLI. */
function throwawayCertificate(): { key: string; cert: string } {
  return withTempDir("shouwen-tls-", (dir) => {
    const made = spawnSync(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", "key.pem", "-out", "cert.pem"],
      { cwd: dir, encoding: "utf8" },
    );
    if (made.error || made.status !== 0) throw new Error(`this test needs the openssl CLI to make a throwaway certificate: ${made.error?.message ?? made.stderr}`);
    return { key: readFileSync(path.join(dir, "key.pem"), "utf8"), cert: readFileSync(path.join(dir, "cert.pem"), "utf8") };
  });
}

const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "upgrade"];
const withoutHopByHop = (headers: http.IncomingHttpHeaders) => Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP_BY_HOP.includes(k)));

/**
 * What a typical proxy does: terminate TLS, send the upstream its own address as Host and the public
 * host in X-Forwarded-Host, replace X-Forwarded-For with the client it saw, and pass answers back as they are.
 */
async function startTlsProxy(upstreamPort: number, tls: { key: string; cert: string }): Promise<{ port: number; close(): Promise<void> }> {
  const server = https.createServer(tls, (req, res) => {
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: upstreamPort,
        method: req.method,
        path: req.url,
        headers: {
          ...withoutHopByHop(req.headers),
          host: `127.0.0.1:${upstreamPort}`,
          "x-forwarded-host": req.headers.host,
          "x-forwarded-proto": "https",
          "x-forwarded-for": req.socket.remoteAddress,
        },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  const port = await findFreePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    port,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

interface Answer {
  status: number;
  setCookies: string[];
  body: string;
}

/** A client that trusts only the throwaway certificate, with a cookie jar (HttpClient does the same over fetch). */
class TlsClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  request(method: string, target: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return new Promise((resolve, reject) => {
      const req = https.request(new URL(target, this.base), { method, headers, ca, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const setCookies = res.headers["set-cookie"] ?? [];
          for (const line of setCookies) {
            const pair = line.split(";")[0]!;
            const name = pair.slice(0, pair.indexOf("=")).trim();
            const value = pair.slice(pair.indexOf("=") + 1).trim();
            if (!value || /max-age=0\b|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
            else this.cookies.set(name, value);
          }
          resolve({ status: res.statusCode ?? 0, setCookies, body: Buffer.concat(chunks).toString("utf8") });
        });
      });
      req.on("error", reject);
      req.end(init.body);
    });
  }

  /** next-auth's credentials sign-in as a browser sends it; returns next-auth's answer to the callback. */
  async signIn(email: string, password: string): Promise<Answer> {
    const csrf = await this.request("GET", "/api/auth/csrf");
    expect(csrf.status).toBe(200);
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const form = new URLSearchParams({ csrfToken, email, password, callbackUrl: this.base, json: "true" });
    return this.request("POST", "/api/auth/callback/credentials", { body: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
  }
}

beforeAll(async () => {
  const tls = throwawayCertificate();
  ca = tls.cert;
  const portalPort = await findFreePort();
  const proxy = await startTlsProxy(portalPort, tls);
  undo.push(proxy.close);
  publicUrl = `https://127.0.0.1:${proxy.port}`;
  const meili = inject("portalMeili");
  const env = portalEnv(portalPort, {
    DATABASE_URL: inject("portalDatabaseUrl"),
    MEILI_HOST: meili.host,
    MEILI_MASTER_KEY: meili.apiKey,
    MEILI_INDEX_PREFIX: meili.prefix,
    NEXTAUTH_URL: publicUrl,
    TRUST_PROXY: "true",
  });
  const portal = await startPortal(portalPort, env, { add: (_what, run) => void undo.push(run), run: async () => undefined });
  portalUrl = portal.base;
});

afterAll(async () => {
  for (const run of undo.reverse()) await run().catch(() => undefined);
});

const sessionLine = (lines: string[]) => lines.find((l) => /^(__Secure-)?next-auth\.session-token=/.test(l));

describe("session cookie behind a TLS-terminating proxy", () => {
  it("is __Secure-next-auth.session-token with Secure, HttpOnly and SameSite=Lax, and the session works through the proxy", async () => {
    const user = await makeUser(h.db, { password: TEST_PASSWORD });
    const client = new TlsClient(publicUrl);
    const signedIn = await client.signIn(user.email, TEST_PASSWORD);
    expect(signedIn.status).toBe(200);

    const session = sessionLine(signedIn.setCookies);
    expect(session).toMatch(/^__Secure-next-auth\.session-token=[^;]+;/);
    expect(session).toMatch(/;\s*Secure(;|$)/i);
    expect(session).toMatch(/;\s*HttpOnly(;|$)/i);
    expect(session).toMatch(/;\s*SameSite=Lax(;|$)/i);
    // Every cookie next-auth sets over TLS is Secure (the CSRF cookie is even __Host-).
    expect(client.cookie("__Host-next-auth.csrf-token")).toBeDefined();
    for (const line of signedIn.setCookies) expect(line, line.split("=")[0]).toMatch(/;\s*Secure(;|$)/i);
    // next-auth builds its URLs from NEXTAUTH_URL: the public https address, not the portal's own.
    expect(JSON.parse(signedIn.body)).toEqual({ url: publicUrl });

    const me = await client.request("GET", "/api/me");
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ id: user.id, email: user.email });
    // Without the cookie the same request is refused: the 200 above is the session's doing.
    expect((await new TlsClient(publicUrl).request("GET", "/api/me")).status).toBe(401);
  });

  it("is not Secure on the plain-http portal (NEXTAUTH_URL http://), so the test above tells the two apart", async () => {
    const user = await makeUser(h.db, { password: TEST_PASSWORD });
    const res = await new HttpClient(h.base).signIn(user.email, TEST_PASSWORD);
    expect(res.status).toBe(200);
    const session = sessionLine(res.headers.getSetCookie());
    expect(session).toMatch(/^next-auth\.session-token=[^;]+;/);
    expect(session).toMatch(/;\s*HttpOnly(;|$)/i);
    expect(session).not.toMatch(/;\s*Secure(;|$)/i);
  });
});

describe("writes through the proxy (TRUST_PROXY=true: Origin is checked against X-Forwarded-Host)", () => {
  it("a same-origin JSON POST succeeds; a foreign Origin, or the portal's own internal address, is refused and changes nothing", async () => {
    const user = await makeUser(h.db, { password: TEST_PASSWORD });
    const client = new TlsClient(publicUrl);
    expect((await client.signIn(user.email, TEST_PASSWORD)).status).toBe(200);
    const off = { enabled: false, address: null };
    const save = (origin: string, emailOn: boolean) =>
      client.request("POST", "/api/settings/notifications", {
        body: JSON.stringify({ email: { enabled: emailOn }, wecom: off, dingtalk: off, feishu: off }),
        headers: { "content-type": "application/json", origin },
      });
    const saved = () => h.db.auditLog.count({ where: { action: "notify.preferences", actorId: user.id } });

    for (const origin of ["https://evil.example", portalUrl]) {
      const refused = await save(origin, false);
      expect(refused.status, origin).toBe(403);
      expect(JSON.parse(refused.body)).toMatchObject({ error: { code: expect.any(String) } });
    }
    expect(await saved()).toBe(0);

    const ok = await save(publicUrl, false);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ email: { enabled: false } });
    expect(await saved()).toBe(1);
    await expect(h.db.notificationPreference.findUnique({ where: { userId_channel: { userId: user.id, channel: "EMAIL" } } })).resolves.toMatchObject({ enabled: false });
  });
});
