import Link from "next/link";
import { OrgImportForm } from "@/components/admin/org-import-form";
import { requirePageActor } from "@/lib/auth/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "组织架构与人员导入" };

export default async function OrgImportPage() {
  await requirePageActor("ADMIN");
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">组织架构、人员与责任分配表</h1>
      <div className="space-y-2 text-sm text-slate-700">
        <p>上传 Excel 工作簿（工作表「部门」「人员」「责任分配表」「值班表」）或 CSV 文件（每个文件一类，按列名识别），列名可用中文或英文。先预览新增、变更和停用的内容，确认后一次性写入；任何一行有错误时不写入任何数据。</p>
        <p>部门：部门编码、部门名称、上级部门编码、负责人邮箱（须是本部门成员）、类型（公司、中心、区域、部门）。人员：邮箱、姓名、部门编码、职务、电话、即时通讯、角色（员工、首问责任人、制度负责人、管理者、管理员、质检员，用顿号或逗号分隔）。责任分配表：条线编码、条线名称（新条线时填写）、首问责任人邮箱、顺序。值班表：条线编码、值班人邮箱、开始时间、结束时间（北京时间，YYYY-MM-DD 或 YYYY-MM-DD HH:mm）；文件中的条线从现在起的值班以文件为准。</p>
        <p>导入的人员通过企业单点登录（邮箱一致）登录。</p>
        <p><Link className="text-blue-700 underline" href="/api/admin/org-export" prefetch={false} data-testid="org-export">导出当前组织（.xlsx，可修改后再导入）</Link></p>
      </div>
      <OrgImportForm />
    </div>
  );
}
