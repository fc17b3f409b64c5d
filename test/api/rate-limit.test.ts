import { describe, expect, it } from "vitest";
import { problemOf, testApp } from "../support/test-deps";

describe("the per-IP flood guard", () => {
  it("answers a client hammering the knowledge base with a 429 problem and Retry-After", async () => {
    const t = await testApp();
    let last: Response | undefined;
    for (let i = 0; i < 601; i++) last = await t.app.request("/api/v1/kb/suggest?q=co");
    expect(last!.status).toBe(429);
    expect(last!.headers.get("retry-after")).toBe("60");
    expect((await problemOf(last!)).code).toBe("rate_limited");
  });
});
