/**
 * The pure pieces fixes are built from: parameter defaults (methods to allow, a guest's
 * home login), directory objects for runbooks, the role rule, and the reminder message.
 */
import { describe, expect, it } from "vitest";
import { reminderMail } from "../../../src/fixes/messages";
import { directoryObjects, escapeDnValue } from "../../../src/fixes/onprem";
import { applyRefusal } from "../../../src/fixes/permission";
import { moreMethodsAllowed } from "../../../src/fixes/policy";
import { homeLoginOfGuest } from "../../../src/fixes/user-steps";

describe("moreMethodsAllowed", () => {
  it("adds widely held methods until the policy allows as many as it requires", () => {
    expect(moreMethodsAllowed(["email"], 2)).toEqual(["email", "mobile_sms"]);
    expect(moreMethodsAllowed([], 2)).toEqual(["mobile_sms", "email"]);
  });

  it("adds a method besides security questions even when the count is enough", () => {
    expect(moreMethodsAllowed(["security_questions"], 1)).toEqual(["security_questions", "mobile_sms"]);
  });

  it("changes nothing when the policy already allows enough", () => {
    expect(moreMethodsAllowed(["email", "mobile_sms"], 2)).toEqual(["email", "mobile_sms"]);
  });
});

describe("homeLoginOfGuest", () => {
  it("reads the home sign-in name out of a guest UPN", () => {
    expect(homeLoginOfGuest("gina_fabrikam.example#EXT#@contoso.example")).toBe("gina@fabrikam.example");
    expect(homeLoginOfGuest("mary_ann_litware.example#EXT#@contoso.example")).toBe("mary_ann@litware.example");
  });

  it("answers null for a member UPN", () => {
    expect(homeLoginOfGuest("alex.healthy@contoso.example")).toBeNull();
  });
});

describe("directoryObjects", () => {
  it("derives the user's DN, the Users OU, the sAMAccountName and the connector account from the UPN", () => {
    expect(directoryObjects("carol.cannotchange@contoso.example", "Carol Cannotchange")).toEqual({
      dn: "CN=Carol Cannotchange,OU=Users,DC=contoso,DC=example",
      ou: "OU=Users,DC=contoso,DC=example",
      samAccountName: "carol.cannotchange",
      serviceAccount: "CONTOSO\\svc-sspr-writeback",
    });
  });

  it("keeps sAMAccountName within 20 characters", () => {
    expect(directoryObjects("a.very.long.name.indeed@contoso.example").samAccountName).toHaveLength(20);
  });

  it("works from a tenant domain alone", () => {
    expect(directoryObjects("adatum.example")).toEqual({
      ou: "OU=Users,DC=adatum,DC=example",
      serviceAccount: "ADATUM\\svc-sspr-writeback",
    });
  });
});

describe("escapeDnValue", () => {
  it("escapes the characters that would change a DN", () => {
    expect(escapeDnValue("Smith, John")).toBe("Smith\\, John");
    expect(escapeDnValue("#1 fan ")).toBe("\\#1 fan\\ ");
    expect(escapeDnValue('a+b="c"')).toBe('a\\+b\\=\\"c\\"');
  });
});

describe("applyRefusal", () => {
  it.each([
    ["support", "helpdesk", [], false],
    ["helpdesk", "helpdesk", [], true],
    ["helpdesk", "helpdesk", ["user_admin"], false],
    ["helpdesk", "helpdesk", ["reader"], true],
    ["helpdesk", "admin", [], false],
    ["admin", "admin", ["global_admin"], true],
    ["admin", "helpdesk", ["global_admin"], true],
  ] as const)("%s applying a %s fix to a user with roles %j: allowed=%s", (role, actor, roles, allowed) => {
    expect(applyRefusal(role, actor, roles) === null).toBe(allowed);
  });
});

describe("reminderMail", () => {
  it("names the person, the tenant and the registration page, and is a notice", () => {
    const m = reminderMail({
      to: "nina@home.example",
      upn: "nina.noreg@contoso.example",
      displayName: "Nina Noreg",
      tenantName: "Contoso",
    });
    expect(m).toMatchObject({ to: "nina@home.example", kind: "notice" });
    expect(m.text).toContain("Nina Noreg");
    expect(m.text).toContain("/register");
    expect(m.text).toContain("Contoso");
  });
});
