/**
 * Every `/admin…` screen an article names exists. Articles used to send
 * admins to a writeback page, a registration report and a policy page that
 * were never built; this test reads every article (both languages), finds the
 * admin paths it names, and checks each two ways: it matches a GET route the
 * app registers, and — with a signed-in admin on the seeded demo — requesting
 * it with real ids for its placeholders (`<tenant>`, `<user>`, `<reference-id>`)
 * answers 200.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { tenants, users } from "../../src/db/schema";
import { testApp, type TestContext } from "../support/test-deps";

const CONTENT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "content");

/** `/admin`, `/admin/audit`, `/admin/tenants/<tenant>/what-if`, `/admin/diagnoses?id=<reference id>`; not `/kb/administrator-…`. */
const ADMIN_PATH = /(?<![\w/.-])\/admin(?![\w-])(?:[/?][^\s`)"'*,;]*)?/g;

function namedPaths(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const locale of ["en", "lv"]) {
    for (const name of readdirSync(join(CONTENT, locale)).filter((n) => n.endsWith(".md"))) {
      const body = readFileSync(join(CONTENT, locale, name), "utf8")
        .split(/\n---\n/)
        .slice(1)
        .join("\n---\n");
      for (const match of body.matchAll(ADMIN_PATH)) {
        const path = match[0].replace(/[.:]+$/, "");
        found.set(path, [...(found.get(path) ?? []), `content/${locale}/${name}`]);
      }
    }
  }
  return found;
}

/** The path part, placeholders (`<tenant>`, `:id`) as one segment each. */
function pathPart(path: string): string {
  return path.split("?")[0]!.replace(/<[^>]+>|:\w+/g, "x");
}

function routeMatcher(t: TestContext): (path: string) => boolean {
  const patterns = t.app.routes
    .filter((r) => r.method === "GET" && r.path.startsWith("/admin"))
    .map((r) => new RegExp(`^${r.path.replace(/:\w+/g, "[^/]+")}$`));
  return (path) => patterns.some((p) => p.test(pathPart(path)));
}

async function adminCookie(t: TestContext): Promise<string> {
  const form = await t.app.request("/admin/sign-in");
  const cookies = form.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
  const res = await t.app.request("/admin/sign-in", {
    method: "POST",
    headers: { cookie: cookies.join("; "), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrf, token: t.tokens.admin, next: "/admin" }).toString(),
  });
  expect(res.status).toBe(303);
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  return [...cookies, ...session].join("; ");
}

describe("admin screens named in articles", () => {
  const named = namedPaths();
  let t: TestContext;
  let matches: (path: string) => boolean;
  beforeAll(async () => {
    t = await testApp({ seed: true });
    matches = routeMatcher(t);
  });

  it("finds the admin paths the articles name", () => {
    expect([...named.keys()]).toEqual(expect.arrayContaining(["/admin", "/admin/audit", "/admin/tenants/<tenant>"]));
  });

  it("tells a screen that exists from one that does not", () => {
    expect(matches("/admin/tenants/<tenant>/what-if")).toBe(true);
    expect(matches("/admin/writeback")).toBe(false);
    expect(matches("/admin/policy")).toBe(false);
    expect(matches("/admin/reports/registration")).toBe(false);
  });

  it("names only screens the app has a GET route for", () => {
    const missing = [...named]
      .filter(([path]) => !matches(path))
      .map(([path, files]) => `${path} (${[...new Set(files)].join(", ")})`);
    expect(missing).toEqual([]);
  });

  it("opens every named screen for a signed-in admin, with real ids for its placeholders", async () => {
    const cookie = await adminCookie(t);
    const tenant = t.db.select({ id: tenants.id }).from(tenants).get()!.id;
    const user = t.db.select({ id: users.id }).from(users).get()!.id;
    // Opening a user's diagnosis stores it under a new reference id, as support would receive one.
    const diagnosis = await (
      await t.app.request(`/admin/users/${encodeURIComponent(user)}`, { headers: { cookie } })
    ).text();
    const reference = /D-[0-9A-Z]{10}/.exec(diagnosis)?.[0] ?? "";
    expect(reference).not.toBe("");
    const failed: string[] = [];
    for (const path of named.keys()) {
      const concrete = path
        .replace(/<tenant>|:tenant/g, encodeURIComponent(tenant))
        .replace(/<user>|:user/g, encodeURIComponent(user))
        .replace(/<reference-id>/g, reference);
      if (/<|:\w/.test(concrete)) continue; // a placeholder with no demo value; the route check above covers it
      const res = await t.app.request(concrete, { headers: { cookie } });
      if (res.status !== 200) failed.push(`${path} → ${concrete}: ${res.status}`);
    }
    expect(failed).toEqual([]);
  });
});
