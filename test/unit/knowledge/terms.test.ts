import { describe, expect, it } from "vitest";
import { compileSynonyms, expandTerms, SYNONYM_GROUPS } from "../../../src/knowledge/synonyms";
import {
  foldTerm,
  processTermEn,
  processTermFor,
  processTermLv,
  processText,
  stemEn,
  stemLv,
  STOP_WORDS,
  tokenize,
} from "../../../src/knowledge/terms";

describe("tokenize", () => {
  it("splits on spaces and punctuation like minisearch's default tokenizer", () => {
    expect(tokenize("write-back isn't on, (really)")).toEqual(["write", "back", "isn", "t", "on", "really"]);
  });
});

describe("foldTerm", () => {
  it.each([
    ["Pārāk", "parak"],
    ["ĪSA", "isa"],
    ["Ķēķis", "kekis"],
    ["paroļu", "parolu"],
    ["l'été", "lete"],
    ["+37120000000", "37120000000"],
  ])("folds %j to %j", (input, expected) => {
    expect(foldTerm(input)).toBe(expected);
  });
});

describe("processTermEn", () => {
  it.each([
    ["Codes", "cod"],
    ["code", "cod"],
    ["locked", "lock"],
    ["expired", "expir"],
    ["expires", "expir"],
    ["policies", "policy"],
    ["resetting", "reset"],
    ["addresses", "address"],
    ["SMS", "sms"],
    ["2FA", "2fa"],
    ["sspr", "sspr"],
  ])("turns %j into %j", (input, expected) => {
    expect(processTermEn(input)).toBe(expected);
  });

  it.each(["the", "is", "my", "not", "t", "didn", "x"])("drops the stop word or lone letter %j", (word) => {
    expect(processTermEn(word)).toBeNull();
  });

  it('keeps single digits ("needs 2 methods")', () => {
    expect(processTermEn("2")).toBe("2");
  });
});

describe("processTermLv", () => {
  it.each([
    ["Pārāk", "parak"],
    ["īsa", "is"],
    ["īsu", "is"],
    ["paroles", "parol"],
    ["paroli", "parol"],
    ["parolei", "parol"],
    ["kods", "kod"],
    ["kodu", "kod"],
    ["kodiem", "kod"],
    ["īsziņa", "iszin"],
    ["īsziņas", "iszin"],
    ["SMS", "sms"],
  ])("turns %j into %j", (input, expected) => {
    expect(processTermLv(input)).toBe(expected);
  });

  it.each(["un", "ir", "nav", "par", "kā", "jūsu", "es"])(
    "drops the stop word %j (with or without diacritics)",
    (word) => {
      expect(processTermLv(word)).toBeNull();
      expect(processTermLv(foldTerm(word))).toBeNull();
    },
  );

  it("makes `parole par isu` and `pārāk īsa parole` share their terms", () => {
    const typed = processText("parole par isu", "lv");
    const written = processText("Parole ir pārāk īsa", "lv");
    expect(typed).toEqual(["parol", "is"]);
    for (const term of typed) expect(written).toContain(term);
  });
});

describe("stemmers", () => {
  it("leave short words, abbreviations and words with digits alone", () => {
    expect(stemEn("sms")).toBe("sms");
    expect(stemEn("pwdlastset")).toBe("pwdlastset");
    expect(stemLv("sspr")).toBe("sspr");
    expect(stemLv("2fa")).toBe("2fa");
  });
});

describe("STOP_WORDS", () => {
  it("are written folded, since terms are folded before the check", () => {
    for (const locale of ["en", "lv"] as const) {
      for (const word of STOP_WORDS[locale]) expect(foldTerm(word)).toBe(word);
    }
  });
});

describe("processTermFor", () => {
  it("picks the locale's processor", () => {
    expect(processTermFor("lv")("paroles")).toBe("parol");
    expect(processTermFor("en")("passwords")).toBe("password");
  });
});

describe("expandTerms", () => {
  const en = compileSynonyms("en");
  const lv = compileSynonyms("lv");
  const alternativesOf = (text: string, table = en) =>
    expandTerms(processText(text, table.locale), table).flatMap((e) => e.alternatives.map((p) => p.join(" ")));

  it("expands sspr to self-service password reset and back", () => {
    expect(alternativesOf("sspr")).toContain(processText("self-service password reset", "en").join(" "));
    expect(alternativesOf("self service password reset")).toContain("sspr");
  });

  it.each([
    ["locked", ["lockout", "unlock"]],
    ["lockout", ["lock", "unlock"]],
    ["otp", ["cod"]],
    ["write-back", ["writeback", "sync"]],
    ["2fa", ["mfa", "authenticator"]],
    ["license", ["licenc"]],
    ["text", ["sms"]],
  ])("expands %j with %j", (query, expected) => {
    expect(alternativesOf(query)).toEqual(expect.arrayContaining(expected));
  });

  it("links Latvian words to the English ones (for the fallback to English articles)", () => {
    expect(alternativesOf("bloķēts")).toEqual(expect.arrayContaining(["lockout", "unlock"]));
    expect(alternativesOf("kods nepienāca", lv)).toEqual(expect.arrayContaining(["cod", "otp"]));
    expect(alternativesOf("īsziņa")).toContain("sms");
  });

  it("never lists the matched phrase as its own alternative", () => {
    for (const expansion of expandTerms(["lock"], en)) {
      expect(expansion.alternatives.map((p) => p.join(" "))).not.toContain("lock");
    }
  });

  it("leaves a word with no synonyms alone", () => {
    expect(expandTerms(["zebra"], en)).toEqual([]);
  });

  it("keeps every table row meaningful after processing (no phrase made only of stop words)", () => {
    for (const locale of ["en", "lv"] as const) {
      for (const group of SYNONYM_GROUPS) {
        for (const phrase of group) {
          expect(processText(phrase, locale).length, `${locale}: ${phrase}`).toBeGreaterThan(0);
        }
      }
    }
  });
});
