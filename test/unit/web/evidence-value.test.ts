/** Evidence values and engine sentences as staff read them. */
import { describe, expect, it } from "vitest";
import { humanSentence, humanValue, singularOne } from "../../../src/web/evidence-value";

describe("humanValue", () => {
  it("rounds numbers and writes instants in the reader's zone", () => {
    expect(humanValue(201.16166666666666, "en", "UTC")).toBe("201");
    expect(humanValue("2026-12-01T08:43:39.311Z", "lv", "Europe/Riga")).toMatch(/10:43/);
    expect(humanValue(["grp-a", "grp-b"], "en", "UTC")).toBe("grp-a, grp-b");
  });
});

describe("humanSentence", () => {
  it("replaces ISO instants and long decimals, nothing else", () => {
    expect(
      humanSentence("blocked until 2026-12-01T08:43:39.311Z (about 1191.27 minutes from now); limit 5", "en", "UTC"),
    ).toBe("blocked until 1 Dec 2026, 08:43 UTC (about 1,191 minutes from now); limit 5");
  });
});

describe("singularOne", () => {
  it.each([
    ["exactly the 1 usable methods required", "exactly the 1 usable method required"],
    ["The policy requires 1 methods and x has 0 usable", "The policy requires 1 method and x has 0 usable"],
    ["which leaves 1 usable methods of the 2 required", "which leaves 1 usable method of the 2 required"],
    ["11 methods, 21 users, 1.5 hours", "11 methods, 21 users, 1.5 hours"],
  ])("%s", (engine, shown) => {
    expect(singularOne(engine)).toBe(shown);
  });
});
