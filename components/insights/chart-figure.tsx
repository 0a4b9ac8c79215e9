// A chart with its title and, underneath, the same figures as a table (collapsed by default): screen
// readers and keyboard users get the numbers, and nobody has to read values off a line.
import { getT } from "@/lib/i18n/t";
import type { Series } from "./chart";
import { ScrollRegion } from "@/components/scroll-region";

export async function ChartFigure({
  title,
  data,
  xKey,
  xLabel,
  series,
  format,
  children,
  testId,
}: {
  title: string;
  data: Record<string, unknown>[];
  xKey: string;
  xLabel: string;
  series: Series[];
  format: (v: unknown) => string;
  children: React.ReactNode;
  testId?: string;
}) {
  const t = await getT();
  return (
    <figure className="min-w-0 rounded-md border border-slate-300 bg-white p-3" data-testid={testId}>
      <figcaption className="font-semibold">{title}</figcaption>
      {data.length === 0 ? (
        <p className="py-6 text-slate-600">{t("insights.chart.empty")}</p>
      ) : (
        <>
          <div aria-hidden="true">{children}</div>
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-blue-700">{t("insights.chart.showTable")}</summary>
            <ScrollRegion label={title}>
              <table className="mt-2 min-w-full text-left">
                <thead>
                  <tr>
                    <th scope="col" className="pr-4">{xLabel}</th>
                    {series.map((s) => (
                      <th scope="col" key={s.key} className="pr-4">{s.label}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.map((row, i) => (
                    <tr key={i} className="border-t border-slate-200">
                      <th scope="row" className="min-w-[8rem] pr-4 font-normal">{String(row[xKey])}</th>
                      {series.map((s) => (
                        <td key={s.key} className="whitespace-nowrap pr-4 tabular-nums">{format(row[s.key])}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </details>
        </>
      )}
    </figure>
  );
}
