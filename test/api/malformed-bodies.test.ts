/**
 * Every route that takes a body, fed bodies that cannot be read: broken JSON, broken
 * url-encoding, multipart without a valid boundary or parts, plain text, nothing at
 * all, a charset we do not speak. Whatever the route, the answer is a 4xx problem that
 * names the field or the body — never a 500 with a stack trace (issue 11 item 6). The
 * routes are enumerated from the app itself, so a route added later is fuzzed too.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/db/seed/demo-tenant";
import { openStaffSession } from "../../src/db/staff-sessions";
import { STAFF_SESSION_SECONDS } from "../../src/domain/staff";
import { tokenHash } from "../../src/secrets/token";
import { testApp, type TestContext } from "../support/test-deps";

const ALEX = "alex.healthy@contoso.example";

type Malformed = { name: string; contentType?: string; body?: string | Buffer };
const MALFORMED: Malformed[] = [
  { name: "truncated JSON", contentType: "application/json", body: '{"login": ' },
  { name: "JSON that is not an object", contentType: "application/json", body: '"just a string"' },
  { name: "broken url-encoding", contentType: "application/x-www-form-urlencoded", body: "%E0%A4%A=&&=%zz&_csrf" },
  {
    name: "multipart with a boundary that never appears",
    contentType: "multipart/form-data; boundary=x",
    body: "garbage",
  },
  {
    name: "multipart without a boundary",
    contentType: "multipart/form-data",
    body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n',
  },
  {
    name: "multipart cut off inside a part",
    contentType: "multipart/form-data; boundary=x",
    body: '--x\r\nContent-Disposition: form-data; name="login"\r\n\r\nada',
  },
  { name: "plain text", contentType: "text/plain", body: "login=ada" },
  { name: "an empty body with no type", body: "" },
  {
    name: "JSON in a charset we do not speak",
    contentType: "application/json; charset=utf-16le",
    body: Buffer.from('{"login":"ada"}', "utf16le"),
  },
  {
    name: "a form with bytes that are not UTF-8",
    contentType: "application/x-www-form-urlencoded; charset=shift_jis",
    body: Buffer.from([0x6c, 0x3d, 0xff, 0xfe, 0x82, 0xa0]),
  },
];

/** API routes that the OpenAPI document says take no body: they ignore a malformed one and answer as usual (but never 500). */
async function bodylessRoutes(app: TestContext["app"]): Promise<Set<string>> {
  const doc = (await (await app.request("/api/v1/openapi.json")).json()) as {
    paths: Record<string, Record<string, { requestBody?: unknown }>>;
  };
  const keys = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => !op.requestBody)
      .map(([method]) => `${method.toUpperCase()} /api/v1${path.replace(/\{(\w+)\}/g, ":$1")}`),
  );
  return new Set(keys);
}
let BODYLESS: Set<string>;

let t: TestContext;
let flowId: string;
/** A live session for Alex, for the /me routes: a fresh one per request, as /me/sign-out in the loop ends the one before. */
async function session() {
  const signIn = await t.app.request("/api/v1/me/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: ALEX, password: DEMO_PASSWORD }),
  });
  return /sspr_session=([^;]+)/.exec(signIn.headers.get("set-cookie") ?? "")![1]!;
}
/** A console session for the admin: anonymous /admin posts are sent to sign in before their body is read. */
const staffSession = () =>
  openStaffSession(t.db, t.clock, t.deps.random, tokenHash(t.tokens.admin), STAFF_SESSION_SECONDS).token;
beforeAll(async () => {
  t = await testApp({ seed: true });
  BODYLESS = await bodylessRoutes(t.app);
  const start = await t.app.request("/api/v1/reset/start", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: ALEX }),
  });
  flowId = ((await start.json()) as { flowId: string }).flowId;
});

/** Real values for path parameters, so each request reaches the body reading rather than a 404. */
function concrete(path: string): string {
  return path
    .replace(":flowId", flowId)
    .replace("/fixes/:id", "/fixes/clear_throttle")
    .replace("/tenants/:id", "/tenants/contoso.example")
    .replace("/users/:id", `/users/usr-alex.healthy`)
    .replace(":fix", "clear_throttle")
    .replace("/methods/:id", "/methods/mth-alex.healthy-1");
}

/** Every route with a body-taking method, from the app's own route table (middleware entries are ALL). */
function bodyRoutes(app: TestContext["app"]) {
  const seen = new Map<string, { method: string; path: string }>();
  for (const r of app.routes)
    if (["POST", "PUT", "PATCH", "DELETE"].includes(r.method))
      seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  return [...seen.entries()];
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });

describe("malformed request bodies", () => {
  it("are read in one place: no module but web/form.ts calls parseBody", () => {
    const callers = sourceFiles("src").filter(
      (f) => f !== join("src", "web", "form.ts") && /\.parseBody\(/.test(readFileSync(f, "utf8")),
    );
    expect(callers).toEqual([]);
  });

  it("reach every form and API route that takes a body", async () => {
    const app = (await testApp()).app;
    const keys = bodyRoutes(app).map(([k]) => k);
    // The forms the issue names, and the API: if enumeration broke, this would pass vacuously.
    expect(keys).toEqual(
      expect.arrayContaining([
        "POST /reset",
        "POST /reset/verify",
        "POST /register/sign-in",
        "POST /admin/sign-in",
        "POST /api/v1/reset/start",
        "PUT /api/v1/me/security-questions",
      ]),
    );
    expect(keys.length).toBeGreaterThan(25);
    expect([...BODYLESS]).toEqual(expect.arrayContaining(["POST /api/v1/me/sign-out", "POST /api/v1/me/confirm"]));
  });

  it("answers the issue's reproduction, POST /reset with multipart 'garbage', with 400: a page for a browser, problem+json otherwise", async () => {
    const send = (accept: string) =>
      t.app.request("/reset", {
        method: "POST",
        headers: { accept, "content-type": "multipart/form-data; boundary=x" },
        body: "garbage",
      });
    const page = await send("text/html");
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("could not be read");
    const latvian = await t.app.request("/reset", {
      method: "POST",
      headers: { accept: "text/html", "accept-language": "lv", "content-type": "multipart/form-data; boundary=x" },
      body: "garbage",
    });
    expect(latvian.status).toBe(400);
    expect(await latvian.text()).toContain("Šo veidlapu neizdevās nolasīt");
    const api = await send("*/*");
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ status: 400, code: "invalid_request", field: "body" });
  });

  describe.each(MALFORMED.map((m) => [m.name, m] as const))("%s", (_name, malformed) => {
    const routes = () => bodyRoutes(t.app);
    it("answers every route with a 4xx problem naming the field or the body, never a 500", async () => {
      const failures: string[] = [];
      for (const [key, route] of routes()) {
        const isApi = route.path.startsWith("/api/");
        // The API as a client calls it; the pages as a browser does.
        for (const accept of isApi ? ["application/json"] : ["text/html"]) {
          const signedIn = route.path.startsWith("/api/v1/me")
            ? `sspr_session=${await session()}; `
            : route.path.startsWith("/admin/") && route.path !== "/admin/sign-in"
              ? `sspr_staff=${staffSession()}; `
              : "";
          const headers: Record<string, string> = {
            accept,
            cookie: `${signedIn}sspr_csrf=${"a".repeat(43)}`,
            ...t.auth("admin"),
          };
          if (malformed.contentType) headers["content-type"] = malformed.contentType;
          const res = await t.app.request(concrete(route.path), {
            method: route.method,
            headers,
            body: malformed.body,
          });
          const text = await res.text();
          const type = res.headers.get("content-type") ?? "";
          const where = `${key} (${accept}) → ${res.status} ${type}: ${text.slice(0, 160)}`;
          if (BODYLESS.has(key)) {
            if (res.status >= 500) failures.push(where);
            continue;
          }
          if (res.status < 400 || res.status >= 500) failures.push(where);
          else if (accept === "text/html") {
            if (!type.startsWith("text/html") || !/class="problem"/.test(text)) failures.push(where);
          } else if (!type.startsWith("application/problem+json")) failures.push(where);
          else {
            const problem = JSON.parse(text) as { status: number; field?: string };
            if (problem.status !== res.status || !problem.field) failures.push(`${where} (no field)`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  });
});
