/**
 * The directory admin routes keep their secrets: staff below admin are refused, unknown
 * keys are refused, and without SSPR_SECRET_KEY no directory can be configured at all
 * (a bind secret is never stored in the clear).
 */
import { describe, expect, it } from "vitest";
import { staffRouteCases } from "../support/staff-route-cases";
import { problemOf, testApp } from "../support/test-deps";

staffRouteCases([{ method: "GET", path: "/api/v1/tenants/contoso.example/directory", minRole: "admin" }]);

it("lets only admins beat a directory", async () => {
  const t = await testApp({ seed: true });
  const beat = (headers: Record<string, string>) =>
    t.app.request("/api/v1/tenants/contoso.example/directory/heartbeat", { method: "POST", headers });
  expect((await beat({})).status).toBe(401);
  expect((await beat(t.auth("helpdesk"))).status).toBe(403);
  expect((await problemOf(await beat(t.auth("admin")))).code).toBe("directory_not_configured");
});

const body = {
  kind: "ad",
  urls: ["ldaps://dc1.contoso.example"],
  bindDn: "CN=svc,DC=contoso,DC=example",
  bindPassword: "s3cret-Value",
  baseDn: "DC=contoso,DC=example",
};
const put = async (t: Awaited<ReturnType<typeof testApp>>, b: unknown, role: "admin" | "helpdesk" = "admin") =>
  t.app.request("/api/v1/tenants/contoso.example/directory", {
    method: "PUT",
    headers: { "content-type": "application/json", ...t.auth(role) },
    body: JSON.stringify(b),
  });

describe("PUT /tenants/{id}/directory", () => {
  it("refuses a helpdesk token (403) and unknown keys (400 naming the key)", async () => {
    const t = await testApp({ seed: true });
    expect((await put(t, body, "helpdesk")).status).toBe(403);
    const res = await put(t, { ...body, password: "x" });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).field).toBe("password");
  });

  it("refuses to store a directory without SSPR_SECRET_KEY (503), so no secret is ever kept in the clear", async () => {
    const t = await testApp({ seed: true });
    const res = await put(t, body);
    expect(res.status).toBe(503);
    expect((await problemOf(res)).code).toBe("secret_key_missing");
    expect(t.db.$client.prepare("SELECT count(*) FROM directory_configs").pluck().get()).toBe(0);
  });
});
