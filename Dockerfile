# syntax=docker/dockerfile:1
#
# One image for the three processes (docker-compose.yml picks the command):
#   api        node dist/apps/api/src/main.js      (default)
#   worker     node dist/apps/worker/src/main.js
#   migrations node dist/scripts/migrate.js
# The TypeScript is compiled once at build time (npm run build): compiling it at run time through
# @swc-node/register cost every process about 80 MB resident (TypeScript compiler, swc, transform caches).
# The runtime stage holds the compiled dist/ and the production dependencies only: no compiler, no source.
# The API serves the web console, which npm run build builds first (npm run web:build), at /.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- dependencies ------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
COPY package.json package-lock.json ./
# Everything, build tools included (vite, swc, TypeScript types): for the build stage only.
RUN --mount=type=cache,target=/root/.npm npm ci

# ---- production dependencies -------------------------------------------------------------
# What the compiled api, worker and migrations require at run time: package.json's dependencies.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

# ---- build -------------------------------------------------------------------------------
# The console first (vite, into apps/web/dist), then the TypeScript (swc, into dist/), which copies the console to
# dist/apps/web/dist, where the compiled API looks for it.
FROM deps AS build
COPY . .
RUN npm run build && test -f dist/apps/web/dist/index.html

# ---- runtime -----------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# Two malloc arenas instead of glibc's eight per core: freed memory is reused instead of spread over arenas.
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
# The build (with the console under dist/apps/web/dist and the migrations under dist/migrations) stays owned by root:
# the app cannot rewrite itself.
COPY package.json ./
COPY --from=build /app/dist ./dist
# data/audit holds the signed audit checkpoints and their key (a volume in docker-compose.yml).
RUN mkdir -p /app/data/audit && chown -R node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health/live', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
