/**
 * The console's upload allowance is for signed-in staff only (issue 16 debt 1): an
 * anonymous post to any /admin form, the 5 MiB CSV import included, is sent to sign in
 * before a byte of its body is read; a signed-in admin still imports a CSV larger than the
 * 64 KiB every other form is held to, and no form but the import gets the larger limit.
 */
import { afterEach, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../src/http/body-limit";
import { MAX_UPLOAD_BYTES } from "../../src/import/csv/csv-import";
import { testApp, type TestContext } from "../support/test-deps";

let t: TestContext | undefined;
afterEach(() => t?.close());

const IMPORT = "/admin/tenants/tnt-contoso/import";
const CHUNK = 16 * 1024;

/** A multipart body of `size` bytes that counts what the server pulls from it. */
function countingBody(size: number) {
  const seen = { bytes: 0 };
  const chunk = new Uint8Array(CHUNK).fill(0x61);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.bytes >= size) return controller.close();
        seen.bytes += CHUNK;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

const anonymousPost = (t: TestContext, path: string, size: number) => {
  const { stream, seen } = countingBody(size);
  const req = new Request(`http://localhost${path}`, {
    method: "POST",
    headers: {
      "content-type": "multipart/form-data; boundary=----x",
      "content-length": String(size),
      cookie: "sspr_csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    },
    body: stream,
    duplex: "half",
  } as RequestInit);
  return { res: t.app.request(req), seen };
};

/** Signs in as `role`, returning the cookie header and a fresh CSRF field. */
async function signedIn(t: TestContext, role: "admin" | "helpdesk") {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const csrfOf = async (res: Response) => /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? "";
  let res = await t.app.request("/admin/sign-in");
  remember(res);
  const body = new URLSearchParams({ _csrf: await csrfOf(res), token: t.tokens[role], next: "/admin" });
  res = await t.app.request("/admin/sign-in", {
    method: "POST",
    headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
  expect(res.status).toBe(303);
  remember(res);
  res = await t.app.request("/admin/tenants/tnt-contoso/setup", { headers: { cookie: cookie() } });
  return { cookie: cookie(), csrf: await csrfOf(res) };
}

describe("anonymous posts to the console", () => {
  it("sends an anonymous 4 MiB CSV upload to sign in without reading its body", async () => {
    t = await testApp({ seed: true });
    const size = 4 * 1024 * 1024;
    const { res, seen } = anonymousPost(t, IMPORT, size);
    const answer = await res;
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toMatch(/^\/admin\/sign-in/);
    expect(seen.bytes).toBeLessThanOrEqual(CHUNK);
  });

  it("refuses an anonymous post to a small form before reading its body", async () => {
    t = await testApp({ seed: true });
    const { res, seen } = anonymousPost(t, "/admin/tenants", MAX_BODY_BYTES - 1024);
    expect((await res).status).toBe(303);
    expect(seen.bytes).toBeLessThanOrEqual(CHUNK);
  });
});

describe("signed-in uploads", () => {
  const people = (n: number) =>
    [
      "userPrincipalName,displayName,licence",
      ...Array.from({ length: n }, (_, i) => `person${i}@contoso.example,Person number ${i},p1`),
    ].join("\n");

  it("imports a CSV larger than the 64 KiB every other form is held to", async () => {
    t = await testApp({ seed: true });
    const { cookie, csrf } = await signedIn(t, "admin");
    const csv = people(2500);
    expect(csv.length).toBeGreaterThan(MAX_BODY_BYTES);
    const body = new FormData();
    body.append("_csrf", csrf);
    body.append("file", new File([csv], "people.csv", { type: "text/csv" }));
    body.append("dryRun", "on");
    const res = await t.app.request(IMPORT, { method: "POST", headers: { cookie }, body });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Dry run: nothing was written.");
  });

  it("holds other forms to 64 KiB and the import to its own limit, for signed-in staff too", async () => {
    t = await testApp({ seed: true });
    const { cookie, csrf } = await signedIn(t, "admin");
    const post = (path: string, size: number) =>
      t!.app.request(path, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: `_csrf=${csrf}&name=${"x".repeat(size)}`,
      });
    expect((await post("/admin/tenants", MAX_BODY_BYTES + 1)).status).toBe(413);
    expect((await post(IMPORT, MAX_UPLOAD_BYTES + 1)).status).toBe(413);
  });
});
