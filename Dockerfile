# SkyTwin's image: the API, the worker, `skytwin migrate` and the Google emulator, chosen by the
# command (docker-compose.yml runs one of each). Node 22 on Debian slim; the build stage compiles
# TypeScript and the web app (web/, built by Vite into dist/web), the runtime stage holds production
# dependencies and dist/ only.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# `prepare` runs the build, which needs the sources copied below: skip install scripts here and
# build once everything is in place (no dependency needs an install script to compile).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json vite.bundle.config.ts ./
COPY src ./src
COPY web ./web
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    SKYTWIN_DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would try to build with the dev dependencies left out.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The data directory (API token, encryption key, logs) and the demo emulator's state directory
# belong to the unprivileged `node` user that the official image provides; a new named volume
# mounted on either takes this ownership.
RUN mkdir -p /data /emulator && chown node:node /data /emulator
USER node
EXPOSE 3100
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["api"]
