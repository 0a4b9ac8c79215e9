import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

// Public on purpose (load balancers call it); it reveals only up/down per part.
export async function GET() {
  const health = await checkHealth();
  const ok = health.db === "up" && health.search === "up";
  return NextResponse.json(health, { status: ok ? 200 : 503 });
}
