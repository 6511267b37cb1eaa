# syntax=docker/dockerfile:1
# Envol's production image: one image for the migrate, api and worker services
# (see docker-compose.yml and docs/production.md). No secret is baked in: keys come from the
# mounted ENVOL_KEYS_FILE, database passwords from the environment.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: all dependencies, then the server code and the web UI into dist/ ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# SCARF_ANALYTICS: no install-time telemetry from swagger-ui's dependency.
ENV CI=true \
    SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime: production dependencies and dist/ only ---
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    SCARF_ANALYTICS=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
    && npm cache clean --force
# Files stay owned by root: the node user can read the code but not change it.
COPY --from=build /app/dist ./dist
# The encrypted documents folder (a volume in docker-compose.yml) is the only place node writes;
# a new named volume takes this owner.
RUN mkdir -p /var/lib/envol/documents && chown node:node /var/lib/envol/documents && chmod 700 /var/lib/envol/documents
USER node
EXPOSE 3000
# The api by default; docker-compose.yml sets the command of each service.
CMD ["node", "dist/apps/api/src/main.js"]
