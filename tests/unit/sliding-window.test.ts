import { describe, expect, it } from "vitest";
import { slidingWindowRetrySeconds } from "@/lib/kernel/sliding-window";

const NOW = new Date("2026-11-23T10:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const WINDOW = 10 * 60_000;

describe("slidingWindowRetrySeconds", () => {
  it("is 0 while fewer than `limit` events lie in the window", () => {
    expect(slidingWindowRetrySeconds([], 3, WINDOW, NOW)).toBe(0);
    expect(slidingWindowRetrySeconds([ago(1_000), ago(2_000)], 3, WINDOW, NOW)).toBe(0);
  });

  it("waits until the oldest of the last `limit` events leaves the window, whatever the order", () => {
    // Four events, limit 3: the block lifts when the second oldest (8 min ago) is 10 min old.
    const times = [ago(60_000), ago(9 * 60_000), ago(8 * 60_000), ago(30_000)];
    expect(slidingWindowRetrySeconds(times, 3, WINDOW, NOW)).toBe(120);
    expect(slidingWindowRetrySeconds([...times].reverse(), 3, WINDOW, NOW)).toBe(120);
  });

  it("rounds a partial second up and never answers less than 1 s while blocked", () => {
    expect(slidingWindowRetrySeconds([ago(WINDOW - 1_500)], 1, WINDOW, NOW)).toBe(2);
    expect(slidingWindowRetrySeconds([ago(WINDOW)], 1, WINDOW, NOW)).toBe(1);
  });
});
