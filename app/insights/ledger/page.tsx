import Link from "next/link";
import { LedgerFilterForm } from "@/components/insights/ledger-filter-form";
import { LedgerTable } from "@/components/insights/ledger-table";
import { ledgerFilterOptions, listLedger, type LedgerFilters } from "@/lib/analytics/ledger/list";
import { ledgerQuery, parseLedgerFilters } from "@/lib/analytics/ledger/filters";
import { parseRange, type DateRange } from "@/lib/analytics/shared/range";
import { ValidationError } from "@/lib/errors";
import { authedPage } from "@/lib/http/page";

export const dynamic = "force-dynamic";
export const metadata = { title: "登记台账" };

type Params = Record<string, string | string[] | undefined>;

export default async function LedgerPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const cursor = (Array.isArray(params.cursor) ? params.cursor[0] : params.cursor) || null;

  const { actor, range, filters, problem, result, options } = await authedPage(["MANAGER", "QA_REVIEWER", "ADMIN"], async ({ actor, ctx }) => {
    let range: DateRange = parseRange({}, ctx.now);
    let filters: LedgerFilters = {};
    let problem = null as ValidationError | null;
    // A ValidationError is shown above the (empty) table; anything else goes to authedPage.
    const refused = (err: unknown) => {
      if (!(err instanceof ValidationError)) throw err;
      problem = err;
      return null;
    };
    try {
      range = parseRange(params, ctx.now);
      filters = parseLedgerFilters(params);
    } catch (err) {
      refused(err);
    }
    const [result, options] = await Promise.all([
      problem ? null : listLedger(ctx, { range, filters, cursor }).catch(refused),
      ledgerFilterOptions(ctx),
    ]);
    return { actor, range, filters, problem: problem as ValidationError | null, result, options };
  });

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">登记台账</h1>
      <p className="text-sm text-slate-700">
        每一个问题的提问人、联系人、事项、责任人链、结果和日期（按提问时间倒序）。
        {actor.roles.includes("ADMIN") || actor.roles.includes("QA_REVIEWER") ? "范围：全公司。" : "范围：提问人或任一责任人在你管理的部门（含下级）的问题。"}
      </p>
      <LedgerFilterForm range={range} filters={filters} options={options} />
      {problem && (
        <div role="alert" className="rounded-md border border-red-400 bg-red-50 p-3 text-sm text-red-900">
          {problem.message}：{Object.values(problem.fields).join("；")}
        </div>
      )}
      {result && (
        <>
          <div className="flex flex-wrap items-center gap-4">
            <p data-testid="ledger-total">
              共 <strong className="tabular-nums">{result.total.toLocaleString("zh-CN")}</strong> 条
            </p>
            <a href={`/api/ledger?${ledgerQuery(range, filters, { format: "csv" })}`} download className="rounded border border-blue-700 px-3 py-1 text-sm text-blue-800 hover:bg-blue-50" data-testid="ledger-export">
              导出 CSV（全部 {result.total.toLocaleString("zh-CN")} 条）
            </a>
          </div>
          {result.rows.length === 0 ? (
            <p className="text-slate-600">没有符合条件的问题。</p>
          ) : (
            <LedgerTable rows={result.rows} caption={`${range.from} 至 ${range.to} 提问的问题${cursor ? "（续页）" : ""}，每页 50 条`} />
          )}
          <nav aria-label="分页" className="flex gap-4 text-sm">
            {cursor && (
              <Link href={`/insights/ledger?${ledgerQuery(range, filters)}`} className="text-blue-700 underline">
                回到第一页
              </Link>
            )}
            {result.nextCursor && (
              <Link href={`/insights/ledger?${ledgerQuery(range, filters, { cursor: result.nextCursor })}`} className="text-blue-700 underline" data-testid="ledger-next">
                下一页
              </Link>
            )}
          </nav>
        </>
      )}
    </div>
  );
}
