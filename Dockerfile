# syntax=docker/dockerfile:1
# Production image of the gateway: one bundled script and the V8 code cache the build wrote for it
# (scripts/build.js; the build and runtime stages share one node image, so V8 takes the cache),
# non-root.
# The People API emulator (packages/people-emulator, a devDependency) is not copied (.dockerignore)
# and `npm ci --omit=dev` leaves its workspace link out: the image needs PEOPLE_API_URL.
# docker build -t people-graphql-gateway .
# docker run -p 4000:4000 -e PEOPLE_API_URL=https://people.googleapis.com/ people-graphql-gateway
# V8 flags for the gateway go in at build time, so that the code cache is written under them:
# docker build --build-arg GATEWAY_NODE_OPTIONS=--max-old-space-size=512 -t people-graphql-gateway .

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci's postinstall applies patches/ (patch-package) to the dependencies the bundle takes in.
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json schema.graphql ./
COPY scripts ./scripts
COPY src ./src
# The gateway's V8 flags: the build writes the code cache under them (scripts/codeCache.js).
ARG GATEWAY_NODE_OPTIONS=""
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The flags the code cache was written under (the build stage's GATEWAY_NODE_OPTIONS).
ARG GATEWAY_NODE_OPTIONS=""
ENV NODE_OPTIONS=${GATEWAY_NODE_OPTIONS}
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/main.js"]
