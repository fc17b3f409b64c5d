/** Times, numbers and plurals as a reader reads them, in English and Latvian. */
import { describe, expect, it } from "vitest";
import { clockTime, counted, dateTime, humanNumber, plural, whenText } from "../../../src/web/i18n/human";

const NOW = new Date("2026-11-30T12:50:00Z");
const METHODS_LV = { zero: "metožu", one: "metode", other: "metodes" };

describe("plural", () => {
  it.each([
    [0, "metožu"],
    [1, "metode"],
    [2, "metodes"],
    [10, "metožu"],
    [11, "metožu"],
    [21, "metode"],
    [25, "metodes"],
  ])("Latvian %i takes %s (three forms)", (n, form) => {
    expect(plural("lv", n, METHODS_LV)).toBe(form);
  });
  it("never says 1 methods in English", () => {
    expect(counted("en", 1, { one: "method", other: "methods" })).toBe("1 method");
    expect(counted("en", 0, { one: "method", other: "methods" })).toBe("0 methods");
  });
});

describe("whenText", () => {
  it("says a block's end as a person would, in UTC when the zone is unknown", () => {
    expect(whenText("en", new Date("2026-12-01T08:43:39.311Z"), NOW, "UTC")).toBe(
      "in about 20 hours — tomorrow 08:43 UTC",
    );
  });
  it("uses the reader's zone and language", () => {
    expect(whenText("lv", new Date("2026-12-01T08:43:39.311Z"), NOW, "Europe/Riga")).toBe(
      "aptuveni pēc 20 stundām — rīt 10:43",
    );
  });
  it("leaves out the day when it is today", () => {
    expect(clockTime("en", new Date("2026-11-30T13:05:00Z"), NOW, "Europe/Riga")).toBe("15:05");
  });
});

describe("numbers and dates", () => {
  it("rounds the way people read numbers", () => {
    expect(humanNumber("en", 201.16166666666666)).toBe("201");
    expect(humanNumber("en", 1191.27)).toBe("1,191");
    expect(humanNumber("en", 2.456)).toBe("2.5");
  });
  it("writes a date for a table without ISO letters", () => {
    expect(dateTime("en", new Date("2026-11-30T14:02:00Z"), "UTC")).toBe("30 Nov 2026, 14:02 UTC");
  });
});
