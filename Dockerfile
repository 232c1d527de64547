# The ledger's image: `docker build -t engagement-ledger .` (never built on the machines this
# project is developed on: they run no Docker engine; test/ops/deploy.test.ts checks what can
# be checked without one). Two stages: build with the dev dependencies, run with the
# production ones only, as the unprivileged `node` user, with DATA_DIR on a volume.

FROM node:20-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-slim
# sqlite3: a consistent copy of keys.db while the server runs, for ledger-backup (deploy/backup.sh).
RUN apt-get update \
 && apt-get install -y --no-install-recommends sqlite3 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_LEVEL=info
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The pages' templates and assets: read from src/web by the built code (src/web/paths.ts).
COPY --from=build /app/src/web/templates ./src/web/templates
COPY --from=build /app/src/web/assets ./src/web/assets
COPY deploy/backup.sh /usr/local/bin/ledger-backup
# Every `ledger` command is on the PATH, as the npm bin would put it.
RUN chmod 0755 dist/src/cli.js /usr/local/bin/ledger-backup \
 && ln -s /app/dist/src/cli.js /usr/local/bin/ledger \
 && mkdir -p /data /backups \
 && chown node:node /data /backups \
 && chmod 0700 /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["ledger"]
CMD ["serve"]
