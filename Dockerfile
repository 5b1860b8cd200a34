# syntax=docker/dockerfile:1
# Rollcall on the current Node LTS (26 "Lithium", LTS since 2026-10-28). .ci/run reads this
# major and runs the test suite on it too.
ARG NODE_MAJOR=26

FROM node:${NODE_MAJOR}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The console's sources: `npm run build` bundles them into dist/console (README "Console").
COPY console ./console
RUN npm run build

FROM node:${NODE_MAJOR}-bookworm-slim AS production-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:${NODE_MAJOR}-bookworm-slim
# A replica's memory (issue 17; bench/README.md, scenario 10 and its notes). An operation allocates
# ~16 MiB of short-lived answers and records, and V8 let the heap grow far past what it keeps
# (~55 MiB) before collecting: with the 64 MiB semi-spaces chosen earlier for CPU, peak RSS under
# 10 connections read 374-500 MiB. Now:
# - 32 MiB semi-spaces (what V8 picked by itself on the bench's machine), not 3 x 64 MiB of young
#   generation;
# - --heap-growing-percent=50 (in ENTRYPOINT: NODE_OPTIONS does not take it): the old generation
#   grows to 1.5x what the last full collection kept before the next one, not to ~4x;
# - glibc's allocator with at most 2 arenas, blocks from 128 KiB mmap'd and the heap's free top
#   trimmed: ~10 MiB less RSS outside the V8 heap after load (one paired run).
# Together peak RSS falls to 240-290 MiB (the 150 MiB goal is not met), for 10-20 % more
# gateway CPU per operation: more full collections (the young generation's 64 MiB alone had saved
# a tenth). `-e NODE_OPTIONS=--max-semi-space-size=64 --entrypoint node <image> dist/main.js`
# trades the memory back. V8's --optimize-for-size would take another ~70 MiB off the peak for
# 20-100 % more CPU per operation: not set (bench/README.md, scenario 10's notes; it goes in
# ENTRYPOINT too). The bench runs Rollcall with these same flags and variables
# (bench/lib/processes.ts reads them from here).
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-semi-space-size=32" \
    MALLOC_ARENA_MAX=2 \
    MALLOC_MMAP_THRESHOLD_=131072 \
    MALLOC_TRIM_THRESHOLD_=131072 \
    PORT=4000
WORKDIR /app
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# Where the embedded store keeps its file (store.url defaults to file:./data/rollcall.db, the demo's
# is ./data/rollcall-demo.db), writable by the image's user: mount a volume here to keep it.
RUN mkdir -p /app/data && chown node:node /app/data
# The image's own unprivileged user.
USER node
EXPOSE 4000
# /health never calls a vendor: one vendor down must not restart Rollcall.
HEALTHCHECK --interval=30s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Without --config / ROLLCALL_CONFIG it serves the built-in demo; mount a config for real vendors.
ENTRYPOINT ["node", "--heap-growing-percent=50", "dist/main.js"]
