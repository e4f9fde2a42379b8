# The API and the workers (one image, two entry points: dist/main.js and dist/worker.js).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY modeler-ui/package.json modeler-ui/package-lock.json modeler-ui/
RUN npm --prefix modeler-ui ci --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY src src
COPY modeler-ui modeler-ui
RUN npx nest build && npm --prefix modeler-ui run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# The written notices (PDF) are set in Noto Serif CJK SC, a Song face as official documents use.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --from=build /app/modeler-ui/dist modeler-ui/dist
COPY package.json ./
COPY processes processes
USER node
EXPOSE 3000
CMD ["node", "dist/main.js"]
