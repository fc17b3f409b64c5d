/**
 * The API described: /api/v1/openapi.json from the routes' own zod schemas, and a
 * Swagger UI reference at /api/docs whose assets are served from our own
 * node_modules (no CDN: the service must work on a closed network).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { swaggerUI } from "@hono/swagger-ui";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import type { AppEnv } from "../auth";

const require = createRequire(import.meta.url);
const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

export function registerDocs(api: OpenAPIHono<AppEnv>) {
  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: "SSPR Doctor API", version: "1", description: "Self-service password reset that diagnoses itself." },
    servers: [{ url: "/api/v1" }],
  });
}

export function docsRoutes() {
  const app = new Hono<AppEnv>();
  const dist = join(require.resolve("swagger-ui-dist/package.json"), "..");
  app.get("/docs", swaggerUI({ url: "/api/v1/openapi.json", baseUrl: "/api/docs/assets", title: "SSPR Doctor API" }));
  app.get("/docs/assets/swagger-ui-dist/:file", async (c) => {
    const file = c.req.param("file");
    const type = ASSETS[file];
    if (!type) return c.notFound();
    c.header("cache-control", "public, max-age=86400");
    return c.body(await readFile(join(dist, file)), 200, { "content-type": type });
  });
  return app;
}
