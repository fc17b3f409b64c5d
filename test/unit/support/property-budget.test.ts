import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertWithin, assertWithinAsync } from "../../support/property-budget";

describe("assertWithin", () => {
  it("passes a property that holds on every case run", () => {
    expect(() =>
      assertWithin(
        fc.property(fc.integer(), (n) => n + 0 === n),
        { max: 200, min: 100, timeLimitMs: 10_000 },
      ),
    ).not.toThrow();
  });

  it("fails with the counterexample when the property breaks", () => {
    expect(() =>
      assertWithin(
        fc.property(fc.integer({ min: 0, max: 100 }), (n) => n < 50),
        { max: 500, min: 1, timeLimitMs: 10_000 },
      ),
    ).toThrow(/Counterexample/);
  });

  it("fails when the time budget ran out before the floor of cases", async () => {
    const slow = fc.asyncProperty(fc.integer(), async () => void (await new Promise((r) => setTimeout(r, 20))));
    await expect(assertWithinAsync(slow, { max: 1000, min: 500, timeLimitMs: 100 })).rejects.toThrow(
      /cases ran within 100 ms/,
    );
  });
});
