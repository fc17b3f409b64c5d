/**
 * Our own stylesheet and scripts, served from /static with a day of caching. A fixed
 * allow-list (no path from the request reaches the file system).
 */
import { readFileSync } from "node:fs";
import { Hono } from "hono";

const TYPES: Record<string, string> = { css: "text/css; charset=utf-8", js: "text/javascript; charset=utf-8" };

export function staticRoutes() {
  const dir = new URL("./static/", import.meta.url);
  const files = new Map<string, { body: string; type: string }>();
  const load = (name: string) => {
    let f = files.get(name);
    if (!f) {
      f = { body: readFileSync(new URL(name, dir), "utf8"), type: TYPES[name.split(".").pop()!]! };
      files.set(name, f);
    }
    return f;
  };
  const app = new Hono();
  app.get("/static/:file{[a-z0-9-]+\\.(css|js)}", (c) => {
    try {
      const f = load(c.req.param("file"));
      return c.body(f.body, 200, { "content-type": f.type, "cache-control": "public, max-age=86400" });
    } catch {
      return c.notFound();
    }
  });
  return app;
}
