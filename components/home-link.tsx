import Link from "next/link";
import { getT } from "@/lib/i18n/t";

/** "Back to the home page", under a page that could not be shown. */
export async function HomeLink() {
  const t = await getT();
  return (
    <Link href="/" className="text-blue-700 underline underline-offset-2 hover:text-blue-900">
      {t("backHome")}
    </Link>
  );
}
