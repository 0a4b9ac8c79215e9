// The framework floor for `npm run bench:load`: no session, no database, no search, a constant answer.
// Its throughput is what Next.js behind scripts/serve.ts does on the machine, the yardstick for the
// routes that do work. Public on purpose; it reveals nothing (/api/health is the check for the services).
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true });
}
