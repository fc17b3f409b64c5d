/**
 * bodyLimitByHeader: a declared Content-Length is judged from the header alone, a body
 * without one (chunked) is counted as it streams, and both refuse past the limit.
 */
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { bodyLimitByHeader } from "../../../src/http/body-limit";

const app = new Hono();
app.use(bodyLimitByHeader({ maxSize: 10, onError: (c) => c.text("too large", 413) }));
app.post("/", async (c) => c.text(await c.req.text()));
app.get("/", (c) => c.text("ok"));

const stream = (text: string) =>
  new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });

describe("bodyLimitByHeader", () => {
  it("passes a body within the limit and refuses one over it by its Content-Length", async () => {
    const post = (body: string) =>
      app.request("/", { method: "POST", body, headers: { "content-length": String(body.length) } });
    expect(await (await post("0123456789")).text()).toBe("0123456789");
    expect((await post("0123456789!")).status).toBe(413);
    // The header alone decides: a lie about the length is refused before any byte is read.
    expect((await app.request("/", { method: "POST", body: "0", headers: { "content-length": "11" } })).status).toBe(
      413,
    );
  });

  it("counts a body that declares no length (chunked) as it reads it", async () => {
    const ok = await app.request("/", { method: "POST", body: stream("short"), duplex: "half" } as RequestInit);
    expect(await ok.text()).toBe("short");
    expect(
      (await app.request("/", { method: "POST", body: stream("far too long a body"), duplex: "half" } as RequestInit))
        .status,
    ).toBe(413);
  });

  it("lets a GET through", async () => {
    expect((await app.request("/")).status).toBe(200);
  });
});
