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
# A larger young generation: every operation allocates a few MiB of short-lived answers and
# results, and with 64 MiB semi-spaces the scavenger runs less often: gateway CPU per mid-sized
# query -10 to -12 % in bench/, peak RSS under load +65 MiB (bench/README.md). The bench starts
# the gateway with this same NODE_OPTIONS (bench/lib/processes.ts reads it from here).
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-semi-space-size=64" \
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
ENTRYPOINT ["node", "dist/main.js"]
