import Link from "next/link";
import { LedgerFilterForm } from "@/components/insights/ledger-filter-form";
import { LedgerTable } from "@/components/insights/ledger-table";
import { ledgerFilterOptions, listLedger, type LedgerFilters } from "@/lib/analytics/ledger/list";
import { ledgerQuery, parseLedgerFilters } from "@/lib/analytics/ledger/filters";
import { parseRange, type DateRange } from "@/lib/analytics/shared/range";
import { ValidationError } from "@/lib/errors";
import { renderFieldsLine, renderMessage } from "@/lib/http/errors";
import { authedPage } from "@/lib/http/page";
import { getT } from "@/lib/i18n/t";
import { withNodes } from "@/components/rich-text";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getT())("insights.ledger.title") };
}

type Params = Record<string, string | string[] | undefined>;

export default async function LedgerPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const cursor = (Array.isArray(params.cursor) ? params.cursor[0] : params.cursor) || null;
  const t = await getT();

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
  const wholeCompany = actor.roles.includes("ADMIN") || actor.roles.includes("QA_REVIEWER");
  const total = result ? result.total.toLocaleString("zh-CN") : "";

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("insights.ledger.title")}</h1>
      <p className="text-sm text-slate-700">
        {t("insights.ledger.intro")}
        {t(wholeCompany ? "insights.ledger.scopeAll" : "insights.ledger.scopeManaged")}
      </p>
      <LedgerFilterForm range={range} filters={filters} options={options} />
      {problem && (
        <div role="alert" className="rounded-md border border-red-400 bg-red-50 p-3 text-sm text-red-900">
          {t("insights.ledger.problem", { message: renderMessage(problem.msg, t.locale), fields: renderFieldsLine(problem.fieldMessages, t.locale, t("insights.fieldSep")) })}
        </div>
      )}
      {result && (
        <>
          <div className="flex flex-wrap items-center gap-4">
            <p data-testid="ledger-total">
              {withNodes(t("insights.ledger.total"), { count: <strong className="tabular-nums">{total}</strong> })}
            </p>
            <a href={`/api/ledger?${ledgerQuery(range, filters, { format: "csv" })}`} download className="rounded border border-blue-700 px-3 py-1 text-sm text-blue-800 hover:bg-blue-50" data-testid="ledger-export">
              {t("insights.ledger.export", { total })}
            </a>
          </div>
          {result.rows.length === 0 ? (
            <p className="text-slate-600">{t("insights.ledger.empty")}</p>
          ) : (
            <LedgerTable rows={result.rows} caption={t(cursor ? "insights.ledger.captionMore" : "insights.ledger.caption", { from: range.from, to: range.to })} />
          )}
          <nav aria-label={t("insights.ledger.pagination")} className="flex gap-4 text-sm">
            {cursor && (
              <Link href={`/insights/ledger?${ledgerQuery(range, filters)}`} className="text-blue-700 underline">
                {t("insights.ledger.firstPage")}
              </Link>
            )}
            {result.nextCursor && (
              <Link href={`/insights/ledger?${ledgerQuery(range, filters, { cursor: result.nextCursor })}`} className="text-blue-700 underline" data-testid="ledger-next">
                {t("insights.ledger.nextPage")}
              </Link>
            )}
          </nav>
        </>
      )}
    </div>
  );
}
