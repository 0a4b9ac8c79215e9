import type { Metadata, Viewport } from "next";
import { I18nProvider } from "@/components/i18n-provider";
import { SiteHeader } from "@/components/site-header";
import { messagesFor } from "@/lib/i18n/catalogues";
import { getT } from "@/lib/i18n/t";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return { title: { default: t("app.title"), template: t("app.titleTemplate") }, description: t("app.tagline") };
}
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const t = await getT();
  return (
    <html lang={t.locale}>
      <body className="min-h-screen">
        <I18nProvider locale={t.locale} messages={messagesFor(t.locale)}>
          <a
            href="#main"
            className="sr-only rounded bg-white px-3 py-2 font-medium text-blue-800 focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50"
          >
            {t("skipLink")}
          </a>
          <SiteHeader />
          <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-6 focus:outline-none">
            {children}
          </main>
        </I18nProvider>
      </body>
    </html>
  );
}
