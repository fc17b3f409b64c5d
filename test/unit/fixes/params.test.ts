/**
 * Fix parameters: the `key=value` text form (CLI and preview query) and validation by
 * each fix's strict schema, with the field path named on every refusal.
 */
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/errors";
import { paramsFromPairs, parseParams } from "../../../src/fixes/params";
import { FIX_REGISTRY } from "../../../src/fixes/registry";

describe("paramsFromPairs", () => {
  it("reads numbers, lists and strings", () => {
    expect(paramsFromPairs(["days=90", "methods=email,mobile_sms", "method=office_phone", "on=true"])).toEqual({
      ok: true,
      params: { days: 90, methods: ["email", "mobile_sms"], method: "office_phone", on: true },
    });
  });

  it("keeps commas inside URLs and addresses", () => {
    expect(paramsFromPairs(["url=https://help.example/a,b"])).toEqual({
      ok: true,
      params: { url: "https://help.example/a,b" },
    });
  });

  it("reads a JSON array as a list", () => {
    expect(paramsFromPairs(['methods=["email"]'])).toEqual({ ok: true, params: { methods: ["email"] } });
  });

  it("reports a pair without = and a key given twice", () => {
    expect(paramsFromPairs(["days"])).toMatchObject({ ok: false, field: "param" });
    expect(paramsFromPairs(["days=1", "days=2"])).toMatchObject({ ok: false, field: "params.days" });
  });
});

describe("parseParams", () => {
  const fieldOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return (err as AppError).extra.field;
    }
    return undefined;
  };

  it("accepts no params for a fix without any", () => {
    expect(parseParams(FIX_REGISTRY.enable_account, undefined)).toEqual({});
  });

  it("names an unknown parameter", () => {
    expect(fieldOf(() => parseParams(FIX_REGISTRY.enable_account, { colour: "red" }))).toBe("params.colour");
  });

  it("names the element of a bad list", () => {
    expect(fieldOf(() => parseParams(FIX_REGISTRY.allow_method, { methods: ["email", "fax"] }))).toMatch(
      /^params\.methods/,
    );
  });

  it("takes one method or several", () => {
    expect(parseParams(FIX_REGISTRY.allow_method, { methods: "office_phone" })).toEqual({ methods: ["office_phone"] });
    expect(parseParams(FIX_REGISTRY.allow_more_methods, { methods: ["email", "email"] })).toEqual({
      methods: ["email"],
    });
  });

  it("requires a helpdesk url or email", () => {
    expect(fieldOf(() => parseParams(FIX_REGISTRY.set_helpdesk_contact, {}))).toBe("params.url");
    expect(parseParams(FIX_REGISTRY.set_helpdesk_contact, { email: "it@fabrikam.example" })).toEqual({
      email: "it@fabrikam.example",
    });
  });

  it("bounds reconfirmation days to 1..730", () => {
    expect(fieldOf(() => parseParams(FIX_REGISTRY.set_reconfirm_days, { days: 731 }))).toBe("params.days");
    expect(parseParams(FIX_REGISTRY.set_reconfirm_days, { days: 90 })).toEqual({ days: 90 });
  });
});
