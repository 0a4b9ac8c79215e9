// The navigation table and the same-origin redirect check. Pure: imported by server components,
// client components and unit tests alike, so nothing here may touch the server or the database.
import type { Role } from "./db/generated/enums";
import type { MessageKey } from "./i18n/messages/zh-CN";

export type NavSlug = "search" | "ask" | "my-questions" | "queue" | "policy-insights" | "scorecard" | "management" | "ledger" | "qa" | "admin" | "reviews";

export interface NavItem {
  slug: NavSlug;
  href: string;
  labelKey: MessageKey;
  descriptionKey: MessageKey;
  /** "any": every signed-in user; otherwise at least one of these roles. */
  roles: readonly Role[] | "any";
  /** Shown only to a user who has work of this kind waiting (decided on the server from the database). */
  onlyWith?: "reviews";
}

/** Facts about the user's waiting work that some links depend on. */
export interface NavFacts {
  hasReviews?: boolean;
}

/** Which destinations each role sees. Showing a link grants nothing: every page checks roles itself. */
export const NAV_ITEMS: readonly NavItem[] = [
  { slug: "search", href: "/search", labelKey: "nav.search", descriptionKey: "nav.search.description", roles: "any" },
  { slug: "ask", href: "/ask", labelKey: "nav.ask", descriptionKey: "nav.ask.description", roles: "any" },
  { slug: "my-questions", href: "/my/questions", labelKey: "nav.myQuestions", descriptionKey: "nav.myQuestions.description", roles: "any" },
  { slug: "queue", href: "/queue", labelKey: "nav.queue", descriptionKey: "nav.queue.description", roles: ["FIRST_CONTACT_OWNER", "MANAGER"] },
  { slug: "policy-insights", href: "/insights/policies", labelKey: "nav.policyInsights", descriptionKey: "nav.policyInsights.description", roles: ["POLICY_OWNER", "ADMIN"] },
  { slug: "scorecard", href: "/insights/owners", labelKey: "nav.scorecard", descriptionKey: "nav.scorecard.description", roles: ["FIRST_CONTACT_OWNER", "MANAGER", "ADMIN"] },
  { slug: "management", href: "/insights/management", labelKey: "nav.management", descriptionKey: "nav.management.description", roles: ["MANAGER", "ADMIN"] },
  { slug: "ledger", href: "/insights/ledger", labelKey: "nav.ledger", descriptionKey: "nav.ledger.description", roles: ["MANAGER", "QA_REVIEWER", "ADMIN"] },
  { slug: "reviews", href: "/reviews", labelKey: "nav.reviews", descriptionKey: "nav.reviews.description", roles: "any", onlyWith: "reviews" },
  { slug: "qa", href: "/qa", labelKey: "nav.qa", descriptionKey: "nav.qa.description", roles: ["QA_REVIEWER", "ADMIN"] },
  { slug: "admin", href: "/admin", labelKey: "nav.admin", descriptionKey: "nav.admin.description", roles: ["ADMIN"] },
];

/** The navigation of a signed-in user with these roles, in table order. */
export function navItemsFor(roles: readonly Role[], facts: NavFacts = {}): NavItem[] {
  return NAV_ITEMS.filter((item) => (item.onlyWith !== "reviews" || facts.hasReviews === true) && (item.roles === "any" || item.roles.some((r) => roles.includes(r))));
}

const BASE = "http://same-origin.invalid";

/**
 * `value` as a path on this site ("/x?y#z"), or `fallback`. Refuses anything that could leave the
 * site (absolute URLs, "//host", "/\host", control characters) so it is safe as a redirect target.
 * An absolute URL is accepted only when `origin` is given and matches it exactly.
 */
export function safeLocalPath(value: unknown, fallback = "/", origin?: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return fallback;
  // Browsers ignore tabs and newlines inside URLs and treat "\" like "/": "/\t/evil" and "/\evil" leave the site.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    if (value.startsWith("/") && !value.startsWith("//")) url = new URL(value, BASE);
    else if (origin && new URL(value).origin === origin) url = new URL(value);
    else return fallback;
  } catch {
    return fallback;
  }
  if (url.origin !== (value.startsWith("/") ? BASE : origin)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
