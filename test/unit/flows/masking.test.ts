import { describe, expect, it } from "vitest";
import { countryCallingCode, maskEmail, maskPhone, maskValue } from "../../../src/flows/masking";

describe("maskEmail", () => {
  it.each([
    ["alex@home.example", "a***@home.example"],
    ["a@home.example", "a***@home.example"],
    ["very.long.local.part@mail.example.lv", "v***@mail.example.lv"],
    ["odd@name@host.example", "o***@host.example"],
    ["no-at-sign", "***"],
  ])("masks %s as %s", (value, masked) => {
    expect(maskEmail(value)).toBe(masked);
  });

  it("hides the length of the local part", () => {
    expect(maskEmail("al@x.example").length).toBe(maskEmail("alexander@x.example").length);
  });
});

describe("countryCallingCode", () => {
  it.each([
    ["12025550123", "1"],
    ["74951234567", "7"],
    ["442071234567", "44"],
    ["4915112345678", "49"],
    ["37126000001", "371"],
    ["37061234567", "370"],
    ["3725123456", "372"],
  ])("reads the calling code of +%s as %s", (digits, code) => {
    expect(countryCallingCode(digits)).toBe(code);
  });
});

describe("maskPhone", () => {
  it.each([
    ["+37126000012", "+371 ••••• 012"],
    ["+12025550123", "+1 ••••• 123"],
    ["+442071234567", "+44 ••••• 567"],
    ["26000007", "••••• 007"],
    ["12345", "•••••"],
  ])("masks %s as %s", (value, masked) => {
    expect(maskPhone(value)).toBe(masked);
  });

  it("shows nothing of the subscriber number but its last three digits", () => {
    const masked = maskPhone("+37126123456");
    expect(masked).not.toMatch(/2612/);
    expect(masked.replace(/\D/g, "")).toBe("371456");
  });

  it("hides the length of the number", () => {
    expect(maskPhone("+3712612345").length).toBe(maskPhone("+371261234567").length);
  });
});

describe("maskValue", () => {
  it("masks by type and has nothing to show for methods without a value", () => {
    expect(maskValue("email", "alex@home.example")).toBe("a***@home.example");
    expect(maskValue("mobile_voice", "+37126000012")).toBe("+371 ••••• 012");
    expect(maskValue("office_phone", "+37167000001")).toBe("+371 ••••• 001");
    expect(maskValue("authenticator_code", null)).toBeNull();
    expect(maskValue("security_questions", null)).toBeNull();
  });
});
