/**
 * Methods: value formats, usable methods, and the key for comparing values across users.
 */
import { describe, expect, it } from "vitest";
import {
  assessMethods,
  countedMethods,
  isE164,
  isValidEmail,
  isWellFormed,
  methodDevice,
  methodValueKey,
  policyMethodOf,
  usableMethodCount,
  usableMethodTypes,
  usableMethods,
} from "../../../src/domain/methods";
import { snapshot } from "../../support/snapshots";

describe("isValidEmail", () => {
  it.each(["janis@fabrikam.example", "a.b+c@sub.example.lv"])("accepts %s", (v) => expect(isValidEmail(v)).toBe(true));
  it.each(["janis@", "janis@localhost", "ja nis@x.example", "@x.example", "a@@x.example", "a@x..example", ""])(
    "rejects %j",
    (v) => expect(isValidEmail(v)).toBe(false),
  );
});

describe("isE164", () => {
  it.each(["+37126000007", "+14255550100", "+6834002"])("accepts %s", (v) => expect(isE164(v)).toBe(true));
  it.each(["26000007", "+0371260000", "+1 425 555 0100", "+12345", "+1234567890123456", ""])("rejects %j", (v) =>
    expect(isE164(v)).toBe(false),
  );
});

describe("isWellFormed", () => {
  it("needs a value for contact methods and none for the others", () => {
    expect(isWellFormed({ type: "email" })).toBe(false);
    expect(isWellFormed({ type: "office_phone", value: "+37167000001" })).toBe(true);
    expect(isWellFormed({ type: "authenticator_notification" })).toBe(true);
  });
});

describe("usableMethods", () => {
  it("counts registered, verified, allowed, well-formed methods by type", () => {
    const s = snapshot({
      methods: [
        { type: "authenticator_code" },
        { type: "mobile_sms", value: "+37126000007" },
        { type: "mobile_sms", value: "+37126000008" },
        { type: "email", value: "home@mail.example", verified: false },
        { type: "mobile_voice", value: "26000007" },
        { type: "office_phone", value: "+37167000001" },
      ],
    });
    expect(usableMethods(s)).toEqual(["authenticator_code", "mobile_sms"]);
  });

  it("counts security questions once enough are answered", () => {
    const policy = {
      methodsAllowed: ["security_questions"] as "security_questions"[],
      securityQuestions: { toReset: 4 },
    };
    expect(
      usableMethods(snapshot({ policy, methods: [{ type: "security_questions", questionsAnswered: 3 }] })),
    ).toEqual([]);
    expect(
      usableMethods(snapshot({ policy, methods: [{ type: "security_questions", questionsAnswered: 4 }] })),
    ).toEqual(["security_questions"]);
  });

  it("never counts security questions for an admin", () => {
    const s = snapshot({
      user: { roles: ["global_admin"] },
      policy: { methodsAllowed: ["security_questions"] },
      methods: [{ type: "security_questions", questionsAnswered: 5 }],
    });
    expect(usableMethods(s)).toEqual([]);
    expect(assessMethods(s)[0]).toMatchObject({ allowed: false, complete: true });
  });

  it("lists both authenticator flavours as usable types, but they count as one method", () => {
    const s = snapshot({ methods: [{ type: "authenticator_code" }, { type: "authenticator_notification" }] });
    expect(usableMethods(s)).toHaveLength(2);
    expect(usableMethodCount(s)).toBe(1);
  });

  it("allows a hardware OATH token wherever authenticator_code is allowed, and lists it by that policy name", () => {
    const allowed = snapshot({ methods: [{ type: "hardware_oath" }] });
    expect(usableMethodTypes(allowed)).toEqual(["hardware_oath"]);
    expect(usableMethods(allowed)).toEqual(["authenticator_code"]);
    const notAllowed = snapshot({
      policy: { methodsAllowed: ["email", "mobile_sms"] },
      methods: [{ type: "hardware_oath" }],
    });
    expect(usableMethodTypes(notAllowed)).toEqual([]);
    expect(assessMethods(notAllowed)[0]).toMatchObject({ allowed: false });
  });
});

describe("policyMethodOf", () => {
  it("names a hardware token by the authenticator_code setting and every other type by itself", () => {
    expect(policyMethodOf("hardware_oath")).toBe("authenticator_code");
    expect(policyMethodOf("authenticator_notification")).toBe("authenticator_notification");
  });
});

describe("methodDevice", () => {
  it("puts both authenticator flavours on the one app and a hardware token on its own device", () => {
    expect(methodDevice("authenticator_notification")).toBe(methodDevice("authenticator_code"));
    expect(methodDevice("hardware_oath")).not.toBe(methodDevice("authenticator_code"));
    expect(methodDevice("mobile_sms")).not.toBe(methodDevice("mobile_voice"));
  });
});

describe("countedMethods (one authenticator app is one method)", () => {
  it.each([
    [["authenticator_notification", "authenticator_code"], 1, 1],
    [["authenticator_notification", "authenticator_code"], 2, 1],
    [["authenticator_notification"], 1, 0],
    [["authenticator_notification"], 2, 1],
    [["authenticator_code"], 1, 1],
    [["hardware_oath"], 1, 1],
    [["hardware_oath", "authenticator_code"], 2, 2],
    [["authenticator_notification", "mobile_sms"], 2, 2],
    [["authenticator_notification", "mobile_sms"], 1, 1],
    [["authenticator_notification", "authenticator_code", "mobile_sms"], 2, 2],
    [["email", "mobile_sms", "mobile_voice"], 2, 3],
    [[], 1, 0],
  ] as const)("counts %j as %d required → %d", (types, required, expected) => {
    expect(countedMethods(types, required)).toBe(expected);
  });
});

describe("methodValueKey", () => {
  it("folds emails and strips phone spacing, so one number is one phone", () => {
    expect(methodValueKey({ type: "email", value: " IT@Fabrikam.example" })).toBe("email:it@fabrikam.example");
    expect(methodValueKey({ type: "mobile_voice", value: "+371 2600-0007" })).toBe(
      methodValueKey({ type: "mobile_sms", value: "+37126000007" }),
    );
    expect(methodValueKey({ type: "authenticator_code" })).toBeNull();
  });
});
