import { z } from "zod";

const uuid = z.string({ error: "缺少投诉编号" }).uuid("投诉编号无效");
const text = (label: string, min: number, max: number) =>
  z.string({ error: `请填写${label}` }).trim().min(min, `请填写${label}（至少 ${min} 个字）`).max(max, `${label}不能超过 ${max} 个字`);

export const decideComplaintInput = z
  .object({
    complaintId: uuid,
    outcome: z.enum(["UPHELD", "REJECTED"], { error: "请选择“成立”或“不成立”" }),
    reason: text("复核理由", 5, 2000),
  })
  .strict();

export const requestStatementInput = z
  .object({
    complaintId: uuid,
    /** Shown to the owner verbatim: the form says so. */
    note: text("请责任人说明的事项", 5, 1000),
  })
  .strict();

export const giveStatementInput = z.object({ complaintId: uuid, statement: text("情况说明", 5, 4000) }).strict();
