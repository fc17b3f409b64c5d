/**
 * The cloud password policy, row by row: length, the common list seen through
 * look-alikes, the tenant's name and custom words, the user's own names — and that a
 * refusal never repeats the password it refused.
 */
import { dictionary } from "@zxcvbn-ts/language-common";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_PERSONAS, DEMO_TENANTS } from "../../../src/db/seed/demo-tenant";
import {
  checkNewPassword,
  COMMON_BASE_WORDS,
  PASSWORD_HISTORY_COUNT,
  type PasswordContext,
} from "../../../src/domain/password";

const alex: PasswordContext = {
  upn: "alex.healthy@fabrikam.example",
  displayName: "Alex Healthy",
  tenantName: "Fabrikam",
  bannedWords: [],
};
const oscar: PasswordContext = {
  upn: "oscar.outside@contoso.example",
  displayName: "Oscar Outside",
  tenantName: "Contoso",
  bannedWords: [],
};

const refusal = (password: string, ctx: PasswordContext = alex) => {
  const result = checkNewPassword(password, ctx);
  if (result.ok) throw new Error(`expected ${JSON.stringify(password)} to be refused`);
  return result;
};

describe("checkNewPassword", () => {
  describe("length", () => {
    it("refuses 7 characters as password_too_short", () => {
      expect(refusal("Xq7#vR2").code).toBe("password_too_short");
    });

    it("accepts 8 characters", () => {
      expect(checkNewPassword("Xq7#vR2m", alex)).toEqual({ ok: true });
    });

    it("counts characters, not UTF-16 units (8 emoji are 8 characters)", () => {
      expect(checkNewPassword("🦊🌲🪵🔥🌙⭐🦉🍄", alex)).toEqual({ ok: true });
    });

    it("accepts 256 characters and refuses 257 as password_too_short, saying it is too long", () => {
      const long = "Xq7#vR2m".repeat(32);
      expect(checkNewPassword(long, alex)).toEqual({ ok: true });
      const over = refusal(long + "z");
      expect(over.code).toBe("password_too_short");
      expect(over.reason).toMatch(/at most 256/);
    });

    it("gives the same too-short reason for any two passwords of one length (the reason depends on the length only)", () => {
      expect(refusal("abcdefg").reason).toBe(refusal("Zz9!Zz9").reason);
    });
  });

  describe("common passwords", () => {
    it.each([
      ["P@ssw0rd2026!", "a common password behind look-alikes and a year"],
      ["Welcome123", "a common password as typed"],
      ["p4$$w0rd", "dollar signs and digits for letters"],
      ["PASSWORD!!", "capitals and trailing punctuation"],
      ["12345678", "digits only"],
      ["@dmin2024", "a leading look-alike"],
      ["Ｐａｓｓｗｏｒｄ１", "full-width letters (NFKC)"],
    ])("refuses %s as password_banned (%s)", (password) => {
      expect(refusal(password).code).toBe("password_banned");
    });

    it.each([["MySummer!2026"], ["xxWelcomexx"], ["Pass-W0RD-Day"], ["iloveyou-forever"]])(
      "refuses %s because it contains a very common base word",
      (password) => {
        expect(refusal(password).code).toBe("password_banned");
      },
    );

    it("keeps every hand-curated base word on the shipped common-password list", () => {
      const common = new Set(dictionary["passwords-common"]);
      expect(COMMON_BASE_WORDS.filter((w) => !common.has(w))).toEqual([]);
    });

    it("names the common base word it found, not the password", () => {
      const { reason } = refusal("Welcome-To-The-Jungle");
      expect(reason).toContain('"welcome"');
      expect(reason.toLowerCase()).not.toContain("jungle");
    });
  });

  describe("the tenant's words", () => {
    it("refuses the tenant name with a year (Contoso2026! at Contoso)", () => {
      const result = refusal("Contoso2026!", oscar);
      expect(result.code).toBe("password_banned");
      expect(result.reason).toMatch(/organisation's name/);
    });

    it("refuses the tenant name hidden by separators and look-alikes", () => {
      expect(refusal("c-0-n-t-0-s-0!!", oscar).code).toBe("password_banned");
    });

    it("refuses a custom banned word, whatever its case", () => {
      const ctx = { ...alex, bannedWords: ["Widget"] };
      const result = refusal("Blue-W1DGET-Factory", ctx);
      expect(result.reason).toMatch(/your organisation has banned \("widget"\)/);
    });

    it("ignores custom words shorter than 4 letters (they would ban half the dictionary)", () => {
      expect(checkNewPassword("Harbour-Lantern-42", { ...alex, bannedWords: ["an", "ern"] })).toEqual({ ok: true });
    });
  });

  describe("the user's own names", () => {
    it("refuses the first name (Oscar-Rules-99 for oscar.outside@contoso.example)", () => {
      const result = refusal("Oscar-Rules-99", oscar);
      expect(result.code).toBe("password_banned");
      expect(result.reason).toMatch(/your name or sign-in name \("oscar"\)/);
    });

    it("refuses a part of the sign-in name that is not in the display name", () => {
      expect(
        refusal("Rain-Over-Durand-82", { ...alex, upn: "k_durand7@fabrikam.example", displayName: "Kim D." }).reason,
      ).toContain('"durand"');
    });

    it("refuses the surname behind look-alikes", () => {
      expect(refusal("0uts1de-the-b0x", oscar).code).toBe("password_banned");
    });

    it("ignores name parts shorter than 3 letters", () => {
      expect(
        checkNewPassword("Harbour-Lantern-42", { ...alex, displayName: "Al B", upn: "al.b@fabrikam.example" }),
      ).toEqual({ ok: true });
    });
  });

  describe("strong passwords", () => {
    it("accepts a strong unrelated passphrase (Harbour-Lantern-42 for Alex Healthy at Fabrikam)", () => {
      expect(checkNewPassword("Harbour-Lantern-42", alex)).toEqual({ ok: true });
    });

    it.each(DEMO_PERSONAS.map((p) => [p.login, p] as const))(
      "accepts the demo password for %s when the tenant has no custom words (no name collides with it)",
      (_login, persona) => {
        const tenant = DEMO_TENANTS.find((t) => t.id === persona.tenant);
        const ctx = { upn: persona.login, displayName: persona.name, tenantName: tenant?.name ?? "", bannedWords: [] };
        expect(checkNewPassword(DEMO_PASSWORD, ctx)).toEqual({ ok: true });
      },
    );

    it.each([["correct horse battery staple"], ["Velvet-Otter-Tram-19"], ["Ziedoņa skola 7"]])(
      "accepts %s",
      (password) => {
        expect(checkNewPassword(password, alex)).toEqual({ ok: true });
      },
    );
  });

  describe("reasons", () => {
    const ctx: PasswordContext = { ...oscar, bannedWords: ["fabrikamrocks", "widget"] };
    const banned = fc.constantFrom(
      "password",
      "welcome",
      "contoso",
      "oscar",
      "outside",
      "widget",
      "fabrikamrocks",
      "summer",
      "p@ssw0rd",
    );
    const decoration = fc.string({ maxLength: 6 });

    it("never echoes a refused password of 8 or more characters", () => {
      fc.assert(
        fc.property(decoration, banned, decoration, (before, word, after) => {
          const password = before + word + after;
          fc.pre([...password].length >= 8);
          const result = checkNewPassword(password, ctx);
          if (result.ok) return true;
          return !result.reason.toLowerCase().includes(password.toLowerCase());
        }),
        { numRuns: 500 },
      );
    });

    it("never echoes any password of 8 or more characters, banned or not", () => {
      fc.assert(
        fc.property(fc.string({ minLength: 8, maxLength: 40 }), (password) => {
          const result = checkNewPassword(password, ctx);
          return result.ok || !result.reason.toLowerCase().includes(password.toLowerCase());
        }),
        { numRuns: 500 },
      );
    });

    it("does not name a custom word that is the whole password", () => {
      const { reason } = refusal("fabrikamrocks", ctx);
      expect(reason).not.toContain("fabrikamrocks");
    });
  });
});

describe("PASSWORD_HISTORY_COUNT", () => {
  it("remembers the last 24 passwords (catalogue: history of the last 24)", () => {
    expect(PASSWORD_HISTORY_COUNT).toBe(24);
  });
});
