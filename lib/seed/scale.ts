// Synthetic company at dashboard scale (issue 6): 2,000 users in 44 departments, 7 条线, the policies of
// content/, 1,000,000 searches with their impressions, clicks and views, ~250,000 ask sessions and 100,000
// questions with their events, owner chains, handoffs, escalations, ratings, complaints, gaps and QA
// reviews, spread over the 365 days before `now`. Rows are generated set-wise inside PostgreSQL
// (generate_series), seeded with setseed, so a run takes minutes, not hours. `factor` scales the row
// counts (tests use a tiny factor to keep this SQL in step with the schema).
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { importPolicies } from "../content/import-policies";
import { createDb } from "../db/client";
import { zoneLiteral } from "../time/zone-sql";

export interface ScaleOptions {
  factor?: number;
  now?: Date;
  log?: (m: string) => void;
  contentDir?: string;
}

export interface ScaleCounts {
  users: number;
  departments: number;
  searchQueries: number;
  impressions: number;
  clicks: number;
  views: number;
  askSessions: number;
  questions: number;
  questionEvents: number;
}

const LINES = [
  { name: "人力资源", dept: "人力资源部" },
  { name: "财务", dept: "财务部" },
  { name: "采购", dept: "采购部" },
  { name: "行政", dept: "行政部" },
  { name: "信息安全", dept: "信息安全部" },
  { name: "合规", dept: "法务合规部" },
  { name: "客户服务", dept: "客户服务部" },
] as const;

const CENTERS = ["职能中心", "业务中心", "运营中心"];
const REGIONS: [string, number][] = [
  ["总部职能区", 0],
  ["综合服务区", 0],
  ["华东区", 1],
  ["华南区", 1],
  ["华北区", 1],
  ["西南区", 2],
  ["华中区", 2],
  ["东北区", 2],
];
// Four departments per region; the first region holds the policy-owning departments.
const FUNCTION_DEPTS = ["人力资源部", "财务部", "采购部", "行政部", "信息安全部", "法务合规部", "客户服务部", "审计部"];

// Words questions and searches are made of: realistic enough for text filters and query grouping.
const TOPICS = ["年假", "病假", "加班", "报销", "差旅", "发票", "采购申请", "合同审批", "印章", "门禁", "电脑", "密码", "入职", "离职交接", "试用期", "社保", "公积金", "投诉", "会议室", "预算"];
const ASKS = ["怎么申请", "需要什么材料", "多久能批", "找谁审批", "标准是多少", "有什么规定", "流程是什么", "可以补办吗"];

export async function seedScale(databaseUrl: string, options: ScaleOptions = {}): Promise<ScaleCounts> {
  const f = options.factor ?? 1;
  const now = options.now ?? new Date();
  const log = options.log ?? (() => undefined);
  const nUsers = Math.max(120, Math.round(2000 * Math.min(1, f * 10)));
  const nSearches = Math.max(200, Math.round(1_000_000 * f));
  const nQuestions = Math.max(100, Math.round(100_000 * f));

  // Policies come from content/ through the real importer (sections, versions, owner departments).
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const q = async (label: string, sql: string, params: unknown[] = []) => {
    const started = performance.now();
    const r = await client.query(sql, params);
    log(`${label}: ${r.rowCount ?? 0} rows, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return r;
  };
  try {
    await client.query("SELECT setseed(0.2026)");
    await client.query("SET synchronous_commit = off");
    // Bulk load: foreign-key triggers off for this session (rows are consistent by construction, and
    // tests/integration/seed-scale.test.ts checks that). Needs a superuser, as the embedded server's is.
    await client.query("SET session_replication_role = replica");

    // ── organisation ──
    const deptRows: { id: string; code: string; name: string; kind: string; parentId: string | null }[] = [];
    const company = { id: randomUUID(), code: "scale-xh", name: "星河科技", kind: "COMPANY", parentId: null };
    deptRows.push(company);
    const centers = CENTERS.map((name, i) => ({ id: randomUUID(), code: `scale-c${i}`, name, kind: "CENTER", parentId: company.id }));
    deptRows.push(...centers);
    const regions = REGIONS.map(([name, c], i) => ({ id: randomUUID(), code: `scale-r${i}`, name, kind: "REGION", parentId: centers[c]!.id }));
    deptRows.push(...regions);
    const leaves: typeof deptRows = [];
    regions.forEach((r, i) => {
      for (let k = 0; k < 4; k++) {
        const name = i === 0 ? FUNCTION_DEPTS[k]! : i === 1 ? FUNCTION_DEPTS[k + 4]! : `${r.name}${["销售一部", "销售二部", "交付部", "运营部"][k]}`;
        leaves.push({ id: randomUUID(), code: `scale-d${i}-${k}`, name, kind: "DEPARTMENT", parentId: r.id });
      }
    });
    deptRows.push(...leaves);
    await q(
      "departments",
      `INSERT INTO "Department" (id, code, name, kind, "parentId") SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::"DepartmentKind"[], $5::uuid[])`,
      [deptRows.map((d) => d.id), deptRows.map((d) => d.code), deptRows.map((d) => d.name), deptRows.map((d) => d.kind), deptRows.map((d) => d.parentId)],
    );

    // Users: a manager per department, policy owners, ten first-contact owners per 条线, QA, admin, employees.
    type U = { id: string; email: string; name: string; roles: string[]; dept: string };
    const users: U[] = [];
    const add = (name: string, roles: string[], dept: string) => {
      const u = { id: randomUUID(), email: `scale-${users.length}@scale.example`, name, roles, dept };
      users.push(u);
      return u;
    };
    const managerOf = new Map<string, string>();
    for (const d of deptRows) managerOf.set(d.id, add(`${d.name}负责人`, ["EMPLOYEE", "MANAGER"], d.id).id);
    const deptByName = new Map(leaves.map((d) => [d.name, d.id]));
    const policyOwners = LINES.map((l) => add(`${l.name}制度负责人`, ["EMPLOYEE", "POLICY_OWNER"], deptByName.get(l.dept)!));
    const lineOwners = LINES.map((l, i) => Array.from({ length: 10 }, (_, k) => add(`首问${i}-${k}`, ["EMPLOYEE", "FIRST_CONTACT_OWNER"], deptByName.get(l.dept)!)));
    for (let k = 0; k < 5; k++) add(`质检员${k}`, ["EMPLOYEE", "QA_REVIEWER"], deptByName.get("客户服务部")!);
    add("平台管理员", ["EMPLOYEE", "ADMIN"], deptByName.get("信息安全部")!);
    while (users.length < nUsers) {
      const d = leaves[users.length % leaves.length]!;
      add(`员工${users.length}`, ["EMPLOYEE"], d.id);
    }
    await q(
      "users",
      `INSERT INTO "User" (id, email, name, roles, "departmentId", "updatedAt")
       SELECT u.id, u.email, u.name, string_to_array(u.roles, ',')::"Role"[], u.dept, now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[]) AS u(id, email, name, roles, dept)`,
      [users.map((u) => u.id), users.map((u) => u.email), users.map((u) => u.name), users.map((u) => u.roles.join(",")), users.map((u) => u.dept)],
    );
    await q("managers", `UPDATE "Department" d SET "managerId" = m.mid FROM unnest($1::uuid[], $2::uuid[]) AS m(did, mid) WHERE d.id = m.did`, [[...managerOf.keys()], [...managerOf.values()]]);

    const lineIds = LINES.map(() => randomUUID());
    await q(
      "lines",
      `INSERT INTO "BusinessLine" (id, code, name, "policyOwnerDeptId") SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[])`,
      [lineIds, LINES.map((_, i) => `scale-line-${i}`), LINES.map((l) => l.name), LINES.map((l) => deptByName.get(l.dept)!)],
    );
    const assign = lineOwners.flatMap((owners, i) => owners.map((o) => [lineIds[i]!, o.id] as const));
    await q(
      "assignments",
      `INSERT INTO "ResponsibilityAssignment" (id, "lineId", "userId") SELECT gen_random_uuid(), l, u FROM unnest($1::uuid[], $2::uuid[]) AS a(l, u)`,
      [assign.map((a) => a[0]), assign.map((a) => a[1])],
    );
    await q("time limits", `INSERT INTO "TimeLimitPolicy" (id, "lineId", priority, "firstResponseMinutes", "resolutionMinutes", "escalationMinutes") VALUES (gen_random_uuid(), NULL, 'NORMAL', 240, 960, 480)`);
    void policyOwners;

    const prisma = createDb(databaseUrl, 2);
    try {
      const report = await importPolicies(prisma, options.contentDir ?? path.resolve("content"));
      log(`policies: ${report.created.length} imported, ${report.failed.length} failed`);
      if (report.failed.length) throw new Error(`content import failed: ${report.failed.map((x) => x.error).join("; ")}`);
    } finally {
      await prisma.$disconnect();
    }

    // ── lookup tables for set-wise generation (random picks join on a row number) ──
    await client.query(`CREATE TEMP TABLE su AS SELECT id, "departmentId" AS dept, row_number() OVER (ORDER BY id) AS rn FROM "User"`);
    await client.query(`CREATE TEMP TABLE ss AS SELECT s.id, s."policyId", p."lineId", row_number() OVER (ORDER BY s.id) AS rn FROM "PolicySection" s JOIN "Policy" p ON p.id = s."policyId" JOIN "Policy" cur ON cur."currentVersionId" = s."versionId"`);
    await client.query(`CREATE TEMP TABLE sl AS SELECT id, name, row_number() OVER (ORDER BY name) AS rn FROM "BusinessLine"`);
    await client.query(`CREATE TEMP TABLE so AS SELECT a."userId" AS id, a."lineId", u."departmentId" AS dept, row_number() OVER (PARTITION BY a."lineId" ORDER BY a."userId") AS rn FROM "ResponsibilityAssignment" a JOIN "User" u ON u.id = a."userId"`);
    await client.query(`CREATE TEMP TABLE sw AS SELECT w, row_number() OVER () AS rn FROM unnest($1::text[]) AS w`, [TOPICS.flatMap((t) => ASKS.map((a) => `${t}${a}`))]);
    const counts = async (t: string) => Number((await client.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    const nU = await counts("su");
    const nS = await counts("ss");
    const nW = await counts("sw");
    if (nS === 0) throw new Error("no policy sections: content/ is empty");

    // ── searches: 1M queries, 3 impressions each unless zero-result, ~30 % clicked, views ──
    await q(
      "search queries",
      `CREATE TEMP TABLE sq AS
       SELECT gen_random_uuid() AS id, x.at, u.id AS "userId", w.w AS query, x.zero, x.filtered, x.clicked,
              1 + floor(random() * ${nS})::int AS s1, 1 + floor(random() * ${nS})::int AS s2, 1 + floor(random() * ${nS})::int AS s3
       FROM (SELECT $1::timestamptz - random() * interval '365 days' AS at, 1 + floor(random() * ${nU})::int AS urn,
                    1 + floor(random() * ${nW})::int AS wrn, random() < 0.08 AS zero, random() < 0.1 AS filtered, random() < 0.3 AS clicked
             FROM generate_series(1, ${nSearches})) x
       JOIN su u ON u.rn = x.urn JOIN sw w ON w.rn = x.wrn`,
      [now],
    );
    await q(
      "SearchQuery",
      `INSERT INTO "SearchQuery" (id, "userId", query, "lineFilter", "resultCount", "latencyMs", "createdAt")
       SELECT sq.id, sq."userId", CASE WHEN sq.zero THEN sq.query || '（无结果）' ELSE sq.query END,
              CASE WHEN sq.filtered THEN l.name END, CASE WHEN sq.zero THEN 0 ELSE 3 END, 8 + (random() * 20)::int, sq.at
       FROM sq JOIN ss s ON s.rn = sq.s1 JOIN sl l ON l.id = s."lineId"`,
    );
    await q(
      "SearchImpression",
      `INSERT INTO "SearchImpression" ("searchQueryId", "sectionId", "policyId", rank, "createdAt")
       SELECT sq.id, s.id, s."policyId", r.rank, sq.at
       FROM sq CROSS JOIN LATERAL (VALUES (1, sq.s1), (2, sq.s2), (3, sq.s3)) AS r(rank, srn)
       JOIN ss s ON s.rn = r.srn
       WHERE NOT sq.zero`,
    );
    await q(
      "SearchClick",
      `INSERT INTO "SearchClick" ("searchQueryId", "userId", "sectionId", "policyId", rank, "createdAt")
       SELECT sq.id, sq."userId", s.id, s."policyId", 1, sq.at + interval '5 seconds'
       FROM sq JOIN ss s ON s.rn = sq.s1 WHERE sq.clicked AND NOT sq.zero`,
    );
    await q(
      "PolicyView",
      `INSERT INTO "PolicyView" ("userId", "policyId", "sectionId", source, "durationMs", "createdAt")
       SELECT sq."userId", s."policyId", s.id, 'search', (5000 + random() * 120000)::int, sq.at + interval '6 seconds'
       FROM sq JOIN ss s ON s.rn = sq.s1 WHERE sq.clicked AND NOT sq.zero`,
    );
    await q(
      "ArticleFeedback",
      `INSERT INTO "ArticleFeedback" (id, "userId", "policyId", "sectionId", helpful, reason, "createdAt")
       SELECT gen_random_uuid(), h."userId", s."policyId", s.id, h.helpful,
              CASE WHEN NOT h.helpful THEN (ARRAY['OUTDATED','HARD_TO_UNDERSTAND','DIFFERS_FROM_PRACTICE','ANSWER_NOT_FOUND','OTHER']::"FeedbackReason"[])[1 + floor(random() * 5)::int] END,
              h.at + interval '1 minute'
       FROM (SELECT sq.*, random() < 0.7 AS helpful FROM sq WHERE sq.clicked AND NOT sq.zero AND random() < 0.1) h
       JOIN ss s ON s.rn = h.s1`,
    );
    await client.query("DROP TABLE sq");

    // ── questions: 100k, each with an ask session; more sessions end deflected ──
    await q(
      "questions (plan)",
      `CREATE TEMP TABLE qq AS
       SELECT gen_random_uuid() AS id, gen_random_uuid() AS sid, x.at, a.id AS "askerId", a.dept AS "askerDept", l.id AS "lineId",
              o.id AS "ownerId", o2.id AS "secondId", x.handed, x.escalated, x.state, x.kind, x.exposure, x.frMin, x.resMin, x.reopened, x.rated, x.score, x.complained, x.brushoff, x.urgent
       FROM (SELECT $1::timestamptz - random() * interval '365 days' AS at,
                    1 + floor(random() * ${nU})::int AS arn, 1 + floor(random() * ${LINES.length})::int AS lrn,
                    1 + floor(random() * 10)::int AS orn, 1 + floor(random() * 10)::int AS o2rn,
                    random() < 0.12 AS handed, random() < 0.06 AS escalated,
                    CASE WHEN random() < 0.9 THEN 'done' WHEN random() < 0.5 THEN 'answered' ELSE 'open' END AS state,
                    (ARRAY['EXISTING_POLICY','EXISTING_POLICY','EXISTING_POLICY','POLICY_UNCLEAR','NO_POLICY']::"ResolutionKind"[])[1 + floor(random() * 5)::int] AS kind,
                    (ARRAY['IGNORED','OPENED','SEARCH_MISS']::"AnswerExposure"[])[1 + floor(random() * 3)::int] AS exposure,
                    (10 + random() * random() * 600)::int AS frMin, (60 + random() * random() * 2400)::int AS resMin,
                    random() < 0.05 AS reopened, random() < 0.4 AS rated, 1 + floor(random() * random() * 5 + random() * 1.2)::int AS score,
                    random() < 0.01 AS complained, random() < 0.005 AS brushoff, random() < 0.1 AS urgent
             FROM generate_series(1, ${nQuestions})) x
       JOIN su a ON a.rn = x.arn JOIN sl l ON l.rn = x.lrn
       JOIN so o ON o."lineId" = l.id AND o.rn = x.orn JOIN so o2 ON o2."lineId" = l.id AND o2.rn = x.o2rn`,
      [now],
    );
    await q(
      "AskSession (filed)",
      `INSERT INTO "AskSession" (id, "userId", outcome, "startedAt", "lastActivityAt", "closedAt")
       SELECT sid, "askerId", 'FILED', at - interval '3 minutes', at, at FROM qq`,
    );
    await q(
      "AskSession (deflected/open)",
      `INSERT INTO "AskSession" (id, "userId", outcome, "startedAt", "lastActivityAt", "closedAt")
       SELECT gen_random_uuid(), u.id, x.outcome, x.at, x.at + interval '2 minutes', CASE WHEN x.outcome <> 'OPEN' THEN x.at + interval '2 minutes' END
       FROM (SELECT $1::timestamptz - random() * interval '365 days' AS at, 1 + floor(random() * ${nU})::int AS urn,
                    (ARRAY['CONFIRMED_DEFLECTION','CONFIRMED_DEFLECTION','CONFIRMED_DEFLECTION','POTENTIAL_DEFLECTION','POTENTIAL_DEFLECTION','OPEN']::"AskOutcome"[])[1 + floor(random() * 6)::int] AS outcome
             FROM generate_series(1, ${Math.round(nQuestions * 1.5)})) x JOIN su u ON u.rn = x.urn`,
      [now],
    );
    // Due times in wall-clock minutes here (the portal computes working time; the dashboards only compare).
    await q(
      "Question",
      `INSERT INTO "Question" (id, "askerId", "idempotencyKey", body, "lineId", priority, status, "ownerId", "askSessionId", "contactName",
                               "firstResponseDueAt", "resolutionDueAt", "firstRespondedAt", "escalationLevel", "resolvedAt", "resolutionKind",
                               "answerExposure", "reopenCount", "handCount", "pingPongFlaggedAt", "createdAt", "updatedAt")
       SELECT qq.id, qq."askerId", qq.id::text, w.w || '，请问具体怎么处理？', qq."lineId", CASE WHEN qq.urgent THEN 'URGENT' ELSE 'NORMAL' END::"Priority",
              CASE qq.state WHEN 'done' THEN (CASE WHEN random() < 0.6 THEN 'CLOSED' ELSE 'RESOLVED' END) WHEN 'answered' THEN 'IN_PROGRESS' ELSE 'OPEN' END::"QuestionStatus",
              CASE WHEN qq.escalated THEN m.mid WHEN qq.handed THEN qq."secondId" ELSE qq."ownerId" END, qq.sid, '联系人',
              qq.at + interval '240 minutes', qq.at + interval '960 minutes',
              CASE WHEN qq.state <> 'open' THEN qq.at + qq.frMin * interval '1 minute' END,
              CASE WHEN qq.escalated THEN 1 ELSE 0 END,
              CASE WHEN qq.state = 'done' THEN qq.at + qq.resMin * interval '1 minute' END,
              CASE WHEN qq.state = 'done' THEN qq.kind END,
              CASE WHEN qq.state = 'done' AND qq.kind <> 'NO_POLICY' THEN qq.exposure END,
              CASE WHEN qq.reopened THEN 1 ELSE 0 END,
              1 + (qq.handed)::int + (qq.escalated)::int,
              CASE WHEN qq.handed AND random() < 0.05 THEN qq.at + interval '2 hours' END,
              qq.at, qq.at
       FROM qq JOIN sw w ON w.rn = 1 + (abs(hashtext(qq.id::text)) % ${nW})
       LEFT JOIN (SELECT d.id AS did, d."managerId" AS mid FROM "Department" d) m ON m.did = (SELECT "departmentId" FROM "User" WHERE id = qq."ownerId")`,
    );
    await q(
      "QuestionOwnership",
      `INSERT INTO "QuestionOwnership" (id, "questionId", "userId", via, "startedAt", "endedAt")
       SELECT gen_random_uuid(), qq.id, qq."ownerId", 'ROUTED'::"OwnershipVia", qq.at, CASE WHEN qq.handed OR qq.escalated THEN qq.at + interval '1 hour' END FROM qq
       UNION ALL
       SELECT gen_random_uuid(), qq.id, qq."secondId", 'HANDOFF', qq.at + interval '1 hour', CASE WHEN qq.escalated THEN qq.at + interval '2 hours' END FROM qq WHERE qq.handed
       UNION ALL
       SELECT gen_random_uuid(), q.id, q."ownerId", 'ESCALATION', qq.at + interval '2 hours', NULL FROM qq JOIN "Question" q ON q.id = qq.id WHERE qq.escalated`,
    );
    await q(
      "Handoff",
      `INSERT INTO "Handoff" (id, "questionId", "fromUserId", "toUserId", "noteDone", "notePending", "notePromised", status, "respondedById", "respondedAt", "createdAt")
       SELECT gen_random_uuid(), id, "ownerId", "secondId", '已核对材料', '待确认审批人', '今日内答复', 'ACCEPTED', "secondId", at + interval '1 hour', at + interval '50 minutes' FROM qq WHERE handed`,
    );
    await q(
      "Escalation",
      `INSERT INTO "Escalation" (id, "questionId", level, "fromUserId", "toUserId", "dueAt", "createdAt")
       SELECT gen_random_uuid(), q.id, 1, CASE WHEN qq.handed THEN qq."secondId" ELSE qq."ownerId" END, q."ownerId", qq.at + interval '1440 minutes', qq.at + interval '960 minutes'
       FROM qq JOIN "Question" q ON q.id = qq.id WHERE qq.escalated`,
    );
    await q(
      "Citation",
      `INSERT INTO "Citation" (id, "questionId", "sectionId", "policyId", "forResolution", "createdAt")
       SELECT gen_random_uuid(), qq.id, s.id, s."policyId", true, qq.at + qq.resMin * interval '1 minute'
       FROM qq JOIN ss s ON s.rn = 1 + (abs(hashtext(qq.sid::text)) % ${nS})
       WHERE qq.state = 'done' AND qq.kind <> 'NO_POLICY'`,
    );
    await q(
      "KnowledgeGap",
      `INSERT INTO "KnowledgeGap" (id, "questionId", "lineId", status, "createdAt")
       SELECT gen_random_uuid(), id, "lineId", CASE WHEN random() < 0.3 THEN 'ACKNOWLEDGED' ELSE 'OPEN' END::"GapStatus", at + resMin * interval '1 minute'
       FROM qq WHERE state = 'done' AND kind = 'NO_POLICY'`,
    );
    await q(
      "SatisfactionRating",
      `INSERT INTO "SatisfactionRating" (id, "questionId", "askerId", score, reasons, "createdAt")
       SELECT gen_random_uuid(), id, "askerId", least(5, greatest(1, score)), '{}', at + resMin * interval '1 minute' + interval '1 hour' FROM qq WHERE state = 'done' AND rated`,
    );
    await q(
      "Complaint",
      `INSERT INTO "Complaint" (id, "questionId", "complainantId", "againstUserId", reason, status, "createdAt")
       SELECT gen_random_uuid(), id, "askerId", "ownerId", '答复敷衍', (ARRAY['OPEN','UPHELD','REJECTED']::"ComplaintStatus"[])[1 + floor(random() * 3)::int], at + interval '1 day'
       FROM qq WHERE complained`,
    );
    await q(
      "BrushOffBlock",
      `INSERT INTO "BrushOffBlock" (id, "questionId", "userId", phrase, "createdAt") SELECT gen_random_uuid(), id, "ownerId", '不归我管', at + interval '5 minutes' FROM qq WHERE brushoff`,
    );
    await q(
      "Reply",
      `INSERT INTO "Reply" (id, "questionId", "authorId", body, checklist, "createdAt")
       SELECT gen_random_uuid(), id, "ownerId", '已收到，正在核实，请稍候。', '{}', at + frMin * interval '1 minute' FROM qq WHERE state <> 'open'`,
    );
    // The audit trail, event by event, in time order per question.
    await q(
      "QuestionEvent",
      `INSERT INTO "QuestionEvent" ("questionId", type, "actorId", data, "createdAt")
       SELECT e.qid, e.type::"QuestionEventType", e.actor, '{}'::jsonb, e.at FROM (
         SELECT id AS qid, 'ASKED' AS type, "askerId" AS actor, at FROM qq
         UNION ALL SELECT id, 'ROUTED', NULL, at FROM qq
         UNION ALL SELECT id, 'REPLIED', "ownerId", at + frMin * interval '1 minute' FROM qq WHERE state <> 'open'
         UNION ALL SELECT id, 'HANDOFF_REQUESTED', "ownerId", at + interval '50 minutes' FROM qq WHERE handed
         UNION ALL SELECT id, 'HANDOFF_ACCEPTED', "secondId", at + interval '1 hour' FROM qq WHERE handed
         UNION ALL SELECT id, 'WARNED', NULL, at + interval '480 minutes' FROM qq WHERE escalated
         UNION ALL SELECT id, 'ESCALATED', NULL, at + interval '960 minutes' FROM qq WHERE escalated
         UNION ALL SELECT id, 'RESOLVED', NULL, at + resMin * interval '1 minute' FROM qq WHERE state = 'done'
         UNION ALL SELECT id, 'RATED', "askerId", at + resMin * interval '1 minute' + interval '1 hour' FROM qq WHERE state = 'done' AND rated
         UNION ALL SELECT id, 'COMPLAINED', "askerId", at + interval '1 day' FROM qq WHERE complained
       ) e ORDER BY e.qid, e.at`,
    );
    await q(
      "QaReview",
      `INSERT INTO "QaReview" (id, "questionId", "reviewerId", "ownerId", "departmentId", "weekStart", grade, "gradedAt", "createdAt")
       SELECT gen_random_uuid(), qq.id, r.id, q."ownerId", o."departmentId", date_trunc('week', (qq.at AT TIME ZONE ${zoneLiteral()}))::date + 7, 1 + floor(random() * 5)::int, qq.at + interval '8 days', qq.at + interval '7 days'
       FROM qq JOIN "Question" q ON q.id = qq.id JOIN "User" o ON o.id = q."ownerId"
       CROSS JOIN LATERAL (SELECT id FROM "User" WHERE 'QA_REVIEWER' = ANY(roles) ORDER BY id LIMIT 1) r
       WHERE qq.state = 'done' AND random() < 0.01`,
    );
    await client.query("DROP TABLE qq");
    await client.query("ANALYZE");

    const one = async (sql: string) => Number((await client.query(sql)).rows[0].n);
    return {
      users: await one(`SELECT count(*) AS n FROM "User"`),
      departments: await one(`SELECT count(*) AS n FROM "Department"`),
      searchQueries: await one(`SELECT count(*) AS n FROM "SearchQuery"`),
      impressions: await one(`SELECT count(*) AS n FROM "SearchImpression"`),
      clicks: await one(`SELECT count(*) AS n FROM "SearchClick"`),
      views: await one(`SELECT count(*) AS n FROM "PolicyView"`),
      askSessions: await one(`SELECT count(*) AS n FROM "AskSession"`),
      questions: await one(`SELECT count(*) AS n FROM "Question"`),
      questionEvents: await one(`SELECT count(*) AS n FROM "QuestionEvent"`),
    };
  } finally {
    await client.end();
  }
}
