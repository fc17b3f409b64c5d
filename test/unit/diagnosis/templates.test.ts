/**
 * Explanation templates: placeholders, value formatting, rendering.
 */
import { describe, expect, it } from "vitest";
import { computeFacts } from "../../../src/diagnosis/facts";
import { formatValue, placeholders, renderTemplate } from "../../../src/diagnosis/templates";
import { snapshot } from "../../support/snapshots";

describe("placeholders", () => {
  it("finds facts and fact paths", () => {
    expect(placeholders("{upn} sent {throttle.codesSentLastHour}")).toEqual([
      { fact: "upn" },
      { fact: "throttle", path: "codesSentLastHour" },
    ]);
    expect(placeholders("no braces")).toEqual([]);
  });
});

describe("formatValue", () => {
  it("reads lists, numbers, null and booleans as words", () => {
    expect(formatValue(["a", "b"])).toBe("a, b");
    expect(formatValue([])).toBe("none");
    expect(formatValue(10.81666)).toBe("10.82");
    expect(formatValue(null)).toBe("unknown");
    expect(formatValue(false)).toBe("no");
  });
});

describe("renderTemplate", () => {
  it("fills placeholders with the actual values", () => {
    const facts = computeFacts(snapshot({ throttle: { codesSentLastHour: 5 } }));
    expect(renderTemplate("{upn}: {throttle.codesSentLastHour} of {limits.MAX_CODES_PER_HOUR}", facts)).toBe(
      "janis.ozols@fabrikam.example: 5 of 5",
    );
  });
});
