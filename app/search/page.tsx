import Link from "next/link";
import { Suspense } from "react";
import { z } from "zod";
import { SearchBox } from "@/components/search/search-box";
import { fillTemplate } from "@/components/questions/fill-template";
import { Snippet } from "@/components/search/snippet";
import { authedPage } from "@/lib/http/page";
import { getT } from "@/lib/i18n/t";
import { isStale } from "@/lib/policies/freshness";
import { browsableLines, searchPolicies } from "@/lib/search/search-policies";

export const dynamic = "force-dynamic";

const params = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  line: z.string().trim().max(50).optional().catch(undefined),
  owner: z.string().trim().max(100).optional().catch(undefined),
});

export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const input = params.parse({ q: raw.q, line: raw.line || undefined, owner: raw.owner || undefined });
  const { lines, found } = await authedPage([], async ({ ctx }) => ({ lines: await browsableLines(ctx.db), found: input.q ? await searchPolicies(ctx, input) : null }));
  const t = await getT();

  let body: React.ReactNode = (
    <section aria-labelledby="browse" className="mt-8">
      <h2 id="browse" className="text-lg font-semibold">{t("searchPage.browse")}</h2>
      <ul className="mt-3 flex flex-wrap gap-2">
        {lines.map((l) => (
          <li key={l}>
            <Link className="inline-block rounded-full border border-slate-400 px-3 py-1 hover:bg-slate-100" href={`/policies?line=${encodeURIComponent(l)}`}>
              {l}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );

  if (found) {
    const { searchQueryId, result, groups, freshness } = found;
    body = (
      <section aria-labelledby="results" className="mt-6">
        <h2 id="results" className="sr-only">{t("searchPage.results")}</h2>
        {result.degraded && (
          <p role="status" data-testid="degraded-notice" className="mb-4 rounded-md border border-amber-400 bg-amber-50 p-3 text-amber-900">
            {t("searchPage.degraded")}
          </p>
        )}
        {groups.length === 0 ? (
          <div data-testid="search-empty" className="rounded-md border border-slate-300 p-4">
            <p>{fillTemplate(t("searchPage.empty"), { query: <bdi>{input.q}</bdi> })}</p>
            <p className="mt-2">
              {fillTemplate(t("searchPage.emptyHint"), { link: <Link className="text-blue-700 underline" href={`/ask?q=${encodeURIComponent(input.q)}`}>{t("searchPage.askDirectly")}</Link> })}
            </p>
          </div>
        ) : (
          <>
          {result.state === "related" && (
            <div role="note" data-testid="search-related" className="mb-4 rounded-md border border-slate-300 bg-slate-50 p-3">
              <p className="font-medium">{t("search.related.title")}</p>
              <p className="text-sm text-slate-700">{t("search.related.hint")}</p>
            </div>
          )}
          <ol className="space-y-4" data-testid="search-results">
            {groups.map((g) => (
              <li key={g.policyId} className="rounded-md border border-slate-300 p-4">
                <h3 className="text-base font-semibold">
                  <Link className="text-blue-800 hover:underline" href={`/policies/${g.policyId}`}>{g.policyTitle}</Link>
                </h3>
                <p className="text-xs text-slate-600">
                  {g.line} · {g.owner}
                  {isStale(freshness.get(g.policyId)) && (
                    <span data-testid="result-stale" className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-amber-900">{freshness.get(g.policyId)!.needsRevision ? t("searchPage.needsRevision") : t("searchPage.reviewOverdue")}</span>
                  )}
                </p>
                <ul className="mt-2 space-y-2">
                  {g.clauses.slice(0, 3).map((c) => (
                    <li key={c.sectionId}>
                      <Link className="font-medium text-blue-700 hover:underline" href={`/policies/${c.policyId}?sq=${searchQueryId}&s=${c.sectionId}&r=${result.hits.indexOf(c) + 1}#${encodeURIComponent(c.label)}`}>
                        {c.heading}
                      </Link>
                      <Snippet segments={c.snippet} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          </>
        )}
        {groups.length > 0 && (
          <p className="mt-6 text-sm text-slate-700">
            {t("searchPage.notSolved")}<Link className="text-blue-700 underline" href={`/ask?q=${encodeURIComponent(input.q)}`}>{t("nav.ask")}</Link>
          </p>
        )}
      </section>
    );
  }

  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-4 text-2xl font-bold">{t("nav.search")}</h1>
      <Suspense>
        <SearchBox lines={lines} label={t("nav.search")} placeholder={t("searchPage.placeholder")} />
      </Suspense>
      {body}
    </div>
  );
}
