import { PublishForm } from "@/components/policies/publish-form";
import { authedPage } from "@/lib/http/page";
import { publishOptions } from "@/lib/policies/publish-options";

export const dynamic = "force-dynamic";
export const metadata = { title: "发布制度" };

export default async function PublishPolicyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const options = await authedPage(["POLICY_OWNER", "ADMIN"], ({ ctx }) => publishOptions(ctx));
  const replace = (await searchParams).policy;
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold">发布制度</h1>
      <p className="mt-2 text-sm text-slate-700">
        上传 Word（.docx、.doc）、PDF 或文本文件，先预览系统识别出的条款，再填写标题、条线、归口部门、生效日期和复审日期后发布。每次发布都是一个新版本，原文件随版本保存。
      </p>
      {options.lines.length === 0 ? (
        <p className="mt-6 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm" data-testid="publish-no-lines">你的部门还没有负责的条线，请联系管理员在责任分配中设置。</p>
      ) : (
        <PublishForm lines={options.lines} policies={options.policies} initialPolicyId={typeof replace === "string" ? replace : null} />
      )}
    </div>
  );
}
