import { describe, expect, it } from "vitest";
import { problemOf, testApp } from "../support/test-deps";

describe("the HTTP shell", () => {
  it("answers /healthz with status ok", async () => {
    const t = await testApp();
    const res = await t.app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("answers an unknown route with a 404 problem naming the route", async () => {
    const t = await testApp();
    const res = await t.app.request("/api/v1/nothing-here");
    expect(res.status).toBe(404);
    const p = await problemOf(res);
    expect(p).toMatchObject({ status: 404, code: "not_found", title: "Not found" });
    expect(p.detail).toContain("/api/v1/nothing-here");
    expect(p.type).toBe("/problems/not_found");
  });

  it("refuses a body over 64 KiB with a 413 problem before reading it", async () => {
    const t = await testApp();
    const res = await t.app.request("/api/v1/users", {
      method: "POST",
      body: "x".repeat(65 * 1024 + 1),
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(413);
    expect((await problemOf(res)).code).toBe("payload_too_large");
  });

  it("marks every API answer, refusals included, as never to be kept by a shared cache", async () => {
    const t = await testApp();
    const ok = await t.app.request("/api/v1/kb/search?q=locked");
    const refused = await t.app.request("/api/v1/users");
    expect([ok.status, refused.status]).toEqual([200, 401]);
    for (const res of [ok, refused]) expect(res.headers.get("cache-control")).toBe("no-store");
    expect((await ok.json()) as unknown).toBeTruthy();
  });

  it("sends security headers: a strict CSP, nosniff, no referrer", async () => {
    const t = await testApp();
    const res = await t.app.request("/healthz");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("turns an unexpected error into a 500 problem that does not echo its message", async () => {
    const t = await testApp();
    // A closed database makes every query throw an internal error.
    t.close();
    const res = await t.app.request("/api/v1/users", { headers: { authorization: "Bearer sspr_whatever" } });
    expect(res.status).toBe(500);
    const p = await problemOf(res);
    expect(p.code).toBe("internal_error");
    expect(p.detail).not.toMatch(/database|sqlite|connection/i);
  });

  it("describes the API as OpenAPI 3.1 with every route and a reference page", async () => {
    const t = await testApp();
    const spec = (await (await t.app.request("/api/v1/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(spec.openapi).toBe("3.1.0");
    expect(Object.keys(spec.paths)).toContain("/users");
    const page = await t.app.request("/api/docs");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/api/v1/openapi.json");
    const css = await t.app.request("/api/docs/assets/swagger-ui-dist/swagger-ui.css");
    expect(css.status).toBe(200);
  });
});
