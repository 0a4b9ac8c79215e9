"use client";
// A box that scrolls sideways when its content (a wide table) is wider than the screen. While it
// scrolls it is a named region in the tab order, so a keyboard user can scroll it with the arrow keys
// (WCAG 2.1.1) and a screen reader says what it holds; when everything fits it is a plain box and no
// extra tab stop.
import { useEffect, useRef, useState } from "react";

export function ScrollRegion({ label, className = "", children }: { label: string; className?: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const check = () => setScrolls(box.scrollWidth > box.clientWidth);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className={`overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-700 ${className}`}
      {...(scrolls ? { role: "region", "aria-label": label, tabIndex: 0 } : {})}
    >
      {children}
    </div>
  );
}
