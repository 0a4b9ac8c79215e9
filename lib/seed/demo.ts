// Demo data for a fictional company (星河科技). Idempotent: upserts by code / e-mail, so a second
// start changes nothing. Demo accounts are listed in the README.
import type { Db } from "../db/client";
import type { DepartmentKind, Role } from "../db/generated/enums";
import { hashPassword } from "../auth/password";

export const DEMO_PASSWORD = "Shouwen#2026";

interface DeptSpec {
  code: string;
  name: string;
  kind: DepartmentKind;
  parent?: string;
  manager?: string;
}

const DEPARTMENTS: DeptSpec[] = [
  { code: "xinghe", name: "星河科技有限公司", kind: "COMPANY", manager: "ceo" },
  { code: "func-center", name: "职能中心", kind: "CENTER", parent: "xinghe", manager: "center.func" },
  { code: "biz-center", name: "业务中心", kind: "CENTER", parent: "xinghe", manager: "center.biz" },
  { code: "hq-region", name: "总部区域", kind: "REGION", parent: "func-center", manager: "region.hq" },
  { code: "support-region", name: "综合区域", kind: "REGION", parent: "func-center", manager: "region.support" },
  { code: "east-region", name: "华东区域", kind: "REGION", parent: "biz-center", manager: "manager" },
  { code: "south-region", name: "华南区域", kind: "REGION", parent: "biz-center", manager: "region.south" },
  { code: "hr", name: "人力资源部", kind: "DEPARTMENT", parent: "hq-region" },
  { code: "finance", name: "财务部", kind: "DEPARTMENT", parent: "hq-region" },
  { code: "procurement", name: "采购部", kind: "DEPARTMENT", parent: "hq-region" },
  { code: "admin-dept", name: "行政部", kind: "DEPARTMENT", parent: "support-region" },
  { code: "infosec", name: "信息安全部", kind: "DEPARTMENT", parent: "support-region" },
  { code: "legal", name: "法务合规部", kind: "DEPARTMENT", parent: "support-region" },
  { code: "customer-service", name: "客户服务部", kind: "DEPARTMENT", parent: "east-region" },
  { code: "east-sales", name: "华东销售部", kind: "DEPARTMENT", parent: "east-region" },
  { code: "south-sales", name: "华南销售部", kind: "DEPARTMENT", parent: "south-region" },
  { code: "rnd", name: "研发部", kind: "DEPARTMENT", parent: "south-region" },
];

interface UserSpec {
  key: string;
  name: string;
  dept: string;
  roles: Role[];
  title: string;
}

export const DEMO_USERS: UserSpec[] = [
  { key: "admin", name: "系统管理员", dept: "infosec", roles: ["EMPLOYEE", "ADMIN"], title: "平台管理员" },
  { key: "employee", name: "李明", dept: "east-sales", roles: ["EMPLOYEE"], title: "销售代表" },
  { key: "employee2", name: "陈静", dept: "rnd", roles: ["EMPLOYEE"], title: "工程师" },
  { key: "owner.hr", name: "张敏", dept: "hr", roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], title: "HR 专员" },
  { key: "owner.hr2", name: "赵磊", dept: "hr", roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], title: "HR 专员" },
  { key: "owner.finance", name: "钱芳", dept: "finance", roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], title: "会计" },
  { key: "owner.admin", name: "吴刚", dept: "admin-dept", roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], title: "行政专员" },
  { key: "owner.it", name: "郑洁", dept: "infosec", roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], title: "安全工程师" },
  { key: "policy.hr", name: "孙丽", dept: "hr", roles: ["EMPLOYEE", "POLICY_OWNER"], title: "制度负责人（人力资源）" },
  { key: "policy.finance", name: "周强", dept: "finance", roles: ["EMPLOYEE", "POLICY_OWNER"], title: "制度负责人（财务）" },
  { key: "manager", name: "王海", dept: "east-region", roles: ["EMPLOYEE", "MANAGER"], title: "华东区域总" },
  { key: "region.hq", name: "冯涛", dept: "hq-region", roles: ["EMPLOYEE", "MANAGER"], title: "总部区域总" },
  { key: "region.support", name: "何珊", dept: "support-region", roles: ["EMPLOYEE", "MANAGER"], title: "综合区域总" },
  { key: "region.south", name: "罗斌", dept: "south-region", roles: ["EMPLOYEE", "MANAGER"], title: "华南区域总" },
  { key: "center.func", name: "韩雪", dept: "func-center", roles: ["EMPLOYEE", "MANAGER"], title: "职能中心总" },
  { key: "center.biz", name: "曹阳", dept: "biz-center", roles: ["EMPLOYEE", "MANAGER"], title: "业务中心总" },
  { key: "ceo", name: "周正", dept: "xinghe", roles: ["EMPLOYEE", "MANAGER"], title: "CEO" },
  { key: "qa", name: "许琳", dept: "customer-service", roles: ["EMPLOYEE", "QA_REVIEWER"], title: "质检专员" },
];

export const demoEmail = (key: string) => `${key}@xinghe.example`;

const LINES: { code: string; name: string; ownerDept: string; owners: string[] }[] = [
  { code: "hr", name: "人力资源", ownerDept: "hr", owners: ["owner.hr", "owner.hr2"] },
  { code: "finance", name: "财务", ownerDept: "finance", owners: ["owner.finance"] },
  { code: "procurement", name: "采购", ownerDept: "procurement", owners: ["owner.finance"] },
  { code: "admin", name: "行政", ownerDept: "admin-dept", owners: ["owner.admin"] },
  { code: "infosec", name: "信息安全", ownerDept: "infosec", owners: ["owner.it"] },
  { code: "compliance", name: "合规", ownerDept: "legal", owners: ["owner.admin"] },
  { code: "customer-service", name: "客户服务", ownerDept: "customer-service", owners: ["owner.admin"] },
];

export const DEFAULT_BRUSH_OFF: { phrase: string; suggestion: string }[] = [
  { phrase: "我不知道", suggestion: "这个问题我来帮您确认，预计在约定时间内答复您。" },
  { phrase: "不清楚", suggestion: "我先核实一下相关制度和流程，稍后一次性告诉您需要准备什么。" },
  { phrase: "不归我管", suggestion: "这件事由我负责跟进到底，我会联系相关同事并把结果告诉您。" },
  { phrase: "不是我的事", suggestion: "我是您的首问责任人，会协调处理直到问题解决。" },
  { phrase: "没办法", suggestion: "目前的限制是……，我们可以尝试以下办法：……" },
  { phrase: "你去找别人", suggestion: "我会把问题连同交接说明转给负责同事，并告诉您对方的联系方式。" },
  { phrase: "找别人去", suggestion: "我会把问题连同交接说明转给负责同事，并告诉您对方的联系方式。" },
  { phrase: "不关我的事", suggestion: "我是您的首问责任人，会协调处理直到问题解决。" },
];

/** Creates or updates the demo organisation; returns ids by key for callers that need them. */
export async function seedDemo(db: Db, options: { log?: (m: string) => void } = {}): Promise<{ users: Record<string, string> }> {
  const deptIds: Record<string, string> = {};
  for (const d of DEPARTMENTS) {
    const row = await db.department.upsert({
      where: { code: d.code },
      create: { code: d.code, name: d.name, kind: d.kind, parentId: d.parent ? deptIds[d.parent] : null },
      update: { name: d.name, kind: d.kind, parentId: d.parent ? deptIds[d.parent] : null },
    });
    deptIds[d.code] = row.id;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const email = demoEmail(u.key);
    const existing = await db.user.findUnique({ where: { email } });
    const row = existing
      ? existing
      : await db.user.create({
          data: { email, name: u.name, passwordHash, roles: u.roles, departmentId: deptIds[u.dept], title: u.title, phone: "021-5555-0100", im: `${u.key}` },
        });
    userIds[u.key] = row.id;
  }
  for (const d of DEPARTMENTS) {
    if (d.manager) await db.department.update({ where: { code: d.code }, data: { managerId: userIds[d.manager] } });
  }
  for (const l of LINES) {
    const line = await db.businessLine.upsert({
      where: { code: l.code },
      create: { code: l.code, name: l.name, policyOwnerDeptId: deptIds[l.ownerDept] },
      update: { name: l.name, policyOwnerDeptId: deptIds[l.ownerDept] },
    });
    for (const owner of l.owners) {
      await db.responsibilityAssignment.upsert({
        where: { lineId_userId: { lineId: line.id, userId: userIds[owner]! } },
        create: { lineId: line.id, userId: userIds[owner]! },
        update: {},
      });
    }
  }
  for (const b of DEFAULT_BRUSH_OFF) {
    await db.brushOffPhrase.upsert({ where: { phrase: b.phrase }, create: b, update: {} });
  }
  const defaultLimit = await db.timeLimitPolicy.findFirst({ where: { lineId: null, priority: "NORMAL" } });
  if (!defaultLimit) {
    // Working minutes: first response within half a working day, resolution within 3 working days.
    await db.timeLimitPolicy.create({ data: { lineId: null, priority: "NORMAL", firstResponseMinutes: 240, resolutionMinutes: 1440, escalationMinutes: 480 } });
    await db.timeLimitPolicy.create({ data: { lineId: null, priority: "URGENT", firstResponseMinutes: 60, resolutionMinutes: 480, escalationMinutes: 120 } });
  }
  options.log?.(`demo data ready: ${DEMO_USERS.length} users, ${DEPARTMENTS.length} departments, ${LINES.length} business lines`);
  return { users: userIds };
}
