"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useRef, useState } from "react";
import type { NavItem } from "@/lib/navigation";
import { useT } from "./i18n-provider";

export type NavLink = Pick<NavItem, "slug" | "href" | "labelKey">;

function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * The main navigation. The links are chosen on the server (navItemsFor); this component only adds
 * the phone disclosure (< 640px) and marks the current page.
 */
export function Nav({ items }: { items: NavLink[] }) {
  const t = useT();
  const pathname = usePathname();
  const [isOpen, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();

  return (
    <nav
      aria-label={t("nav.label")}
      className="order-last w-full sm:order-none sm:w-auto"
      onKeyDown={(e) => {
        if (e.key === "Escape" && isOpen) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        data-testid="nav-toggle"
        aria-expanded={isOpen}
        aria-controls={listId}
        onClick={() => setOpen((v) => !v)}
        className="inline-flex items-center gap-2 rounded border border-slate-400 px-3 py-1.5 text-slate-800 hover:bg-slate-100 sm:hidden"
      >
        <span aria-hidden="true">{isOpen ? "✕" : "☰"}</span>
        {t("nav.menu")}
      </button>
      <ul
        id={listId}
        className={`${isOpen ? "flex" : "hidden"} mt-2 flex-col gap-1 sm:mt-0 sm:flex sm:flex-row sm:flex-wrap sm:gap-1`}
      >
        {items.map((item) => {
          const current = isCurrent(pathname, item.href);
          return (
            <li key={item.slug}>
              <Link
                href={item.href}
                data-testid={`nav-${item.slug}`}
                aria-current={current ? "page" : undefined}
                onClick={() => setOpen(false)}
                className={`block rounded px-2 py-1.5 hover:bg-slate-100 hover:underline ${current ? "font-semibold text-blue-800 underline underline-offset-4" : "text-slate-800"}`}
              >
                {t(item.labelKey)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
