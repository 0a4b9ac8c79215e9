# 首问 Shouwen: one image for the portal and the worker, against an external PostgreSQL 18 and
# Meilisearch 1.21 (nothing embedded is started when DATABASE_URL and MEILI_HOST are set).
# Kept simple on purpose; the test suite does not build or run it (docs/operations.md).
#
#   docker build -t shouwen .
#   docker run -e DATABASE_OWNER_URL=… -e DATABASE_URL=… -e MEILI_HOST=… -e MEILI_MASTER_KEY=… -e NEXTAUTH_SECRET=… \
#              -e NEXTAUTH_URL=https://shouwen.example.com -e TRUST_PROXY=true -p 3000:3000 shouwen
#
# Default command = `npm start`: migrations, content/ imported, index synced, then the portal and one
# worker. Other roles of the same image:
#   portal only:  node --max-semi-space-size=64 --import tsx scripts/serve.ts start --port 3000 --hostname 0.0.0.0
#   worker only:  node --import tsx scripts/worker.ts
#   migrations:   node --import tsx scripts/migrate.ts   (with DATABASE_OWNER_URL: the owner migrates and grants)
# DATABASE_URL is the portal's role, which should own nothing; DATABASE_OWNER_URL (the schema owner) is
# used only for migrations and grants and is not passed on to the portal or worker (docs/decisions/0009).

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# postinstall generates the Prisma client from prisma/schema.prisma, offline (docs/decisions/0002).
# npm ci rejects the registry's Linux-only lockfile (see .ci/run); npm install honours it.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma-generate.mjs ./scripts/prisma-generate.mjs
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
# HOSTNAME: Docker sets it to the container id, and the launcher would listen on that name only.
# SHOUWEN_SEED_DEMO: no demo accounts (with their published password) unless asked for.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    SHOUWEN_SEED_DEMO=false
COPY --from=build --chown=node:node /app ./
USER node
EXPOSE 3000
# Liveness only: /api/ping touches neither PostgreSQL nor Meilisearch. /api/health answers 503 while
# Meilisearch is down, when the portal still serves (degraded search), so it is for monitoring.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/ping').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# One node process (tsx as a loader), so SIGTERM from `docker stop` reaches the launcher directly.
CMD ["node", "--import", "tsx", "scripts/run.ts", "start"]
