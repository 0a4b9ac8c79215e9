// Lab: CPU per call of the parts of one /api/search request, in-process on a throwaway stack.
//   node --conditions=react-server --import tsx scripts/lab/search-parts.ts
import { encode, decode } from "next-auth/jwt";
import { createDb } from "../../lib/db/client";
import { logSearch } from "../../lib/search/log-search";
import { searchClauses } from "../../lib/search/search-clauses";
import { createCleanups, runScript } from "../lib/cleanups";
import { prepareThrowawayData, startThrowawayServices } from "../lib/throwaway-portal";

const QUERIES = ["年假怎么休", "出差住宿标准", "报销需要哪些发票", "加班费怎么算", "试用期多久", "公积金缴存比例", "病假工资", "离职交接", "采购审批流程", "电脑密码忘了", "婚假几天", "差旅补贴", "年终奖发放", "客户投诉处理", "合同盖章", "哺乳假", "异地办公", "办公用品领用", "信息安全事件上报", "培训费用报销"];
const cleanups = createCleanups("search-parts");
await runScript("search-parts", cleanups, performance.now(), async () => {
  const s = await startThrowawayServices("parts", cleanups, () => {});
  await prepareThrowawayData(s, () => {});
  const db = createDb(s.databaseUrl, 10);
  const u = await db.user.findFirstOrThrow();
  const sess = await db.userSession.create({ data: { id: crypto.randomUUID(), userId: u.id, sessionVersion: u.sessionVersion, expiresAt: new Date(Date.now() + 864e5) } });
  const secret = "x".repeat(40);
  const token = await encode({ token: { sid: sess.id }, secret });
  let i = 0;
  const deps = { db, meili: { prefix: s.env.MEILI_INDEX_PREFIX ?? "", config: { host: s.env.MEILI_HOST!, apiKey: s.env.MEILI_MASTER_KEY! } } };
  async function time(name: string, fn: () => Promise<unknown>, n = 2000) {
    for (let k = 0; k < 100; k++) await fn();
    const c0 = process.cpuUsage(); const t0 = performance.now();
    const batch = 10; for (let k = 0; k < n; k += batch) await Promise.all(Array.from({ length: batch }, fn));
    const c = process.cpuUsage(c0); const t = performance.now() - t0;
    console.log(`${name.padEnd(40)} ${(t / n * 1000).toFixed(0).padStart(6)} µs wall ${((c.user + c.system) / n).toFixed(0).padStart(6)} µs CPU per call`);
  }
  await time("jwt decode (next-auth)", () => decode({ token, secret }));
  await time("session findUnique include user", () => db.userSession.findUnique({ where: { id: sess.id }, include: { user: true } }));
  await time("session $queryRaw join", () => db.$queryRaw`SELECT s."revokedAt", s."expiresAt", s."sessionVersion" AS sv, u.id, u.name, u.email, u.roles, u."departmentId", u."disabledAt", u."sessionVersion" FROM "UserSession" s JOIN "User" u ON u.id = s."userId" WHERE s.id = ${sess.id}`);
  const pool = new (await import("pg")).default.Pool({ connectionString: s.databaseUrl, max: 10 });
  const text = `SELECT s."revokedAt", s."expiresAt", s."sessionVersion" AS sv, u.id, u.name, u.email, u.roles, u."departmentId", u."disabledAt", u."sessionVersion" FROM "UserSession" s JOIN "User" u ON u.id = s."userId" WHERE s.id = $1`;
  await time("session pg pool, unnamed", () => pool.query(text, [sess.id]));
  await time("session pg pool, named statement", () => pool.query({ name: "session", text, values: [sess.id] }));
  await pool.end();
  await time("searchClauses", () => searchClauses(deps, { q: QUERIES[i++ % QUERIES.length]!, limit: 10 }));
  await time("searchClauses, every query new", () => searchClauses(deps, { q: `${QUERIES[i % QUERIES.length]!} ${i++}`, limit: 10 }));
  await time("searchClauses without Meilisearch", () => searchClauses({ db }, { q: `${QUERIES[i % QUERIES.length]!} ${i++}`, limit: 10 }));
  const results = await Promise.all(QUERIES.map((q) => searchClauses(deps, { q, limit: 10 })));
  await time("JSON.stringify result", async () => JSON.stringify(results[i++ % results.length]));
  console.log(`response bytes (mean): ${(results.reduce((a, r) => a + Buffer.byteLength(JSON.stringify(r)), 0) / results.length).toFixed(0)}`);
  console.log(`meilisearch asked: ${results.filter((r) => r.hits.some((h) => h.source === "meilisearch")).length}/${results.length}`);
  await time("logSearch", () => logSearch(db, { userId: u.id, query: "年假", latencyMs: 3, result: results[i++ % results.length]! }), 1000);
  await db.$disconnect();
});
