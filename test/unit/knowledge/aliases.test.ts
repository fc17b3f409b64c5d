import { describe, expect, it } from "vitest";
import { AliasIndex, mentions } from "../../../src/knowledge/aliases";
import type { ParsedArticle } from "../../../src/knowledge/article";

function article(slug: string, aliases: string[], locale: "en" | "lv" = "en"): ParsedArticle {
  return {
    slug,
    locale,
    source: `${locale}/${slug}.md`,
    title: slug,
    audience: ["user"],
    answers: [],
    tags: [],
    aliases,
    updated: "2026-11-30",
    foreign: false,
    sections: [],
    links: [],
    html: "",
  };
}

const index = new AliasIndex([
  article("sspr-scope", ["SSPR_0013", "This user is not a member of the password reset users group"]),
  article("writeback-permissions", ["33004", "SSPR_0029"]),
  article("onprem-account-restrictions", ["33004", "SSPR_0029"]),
  article("writeback-errors", ["MMS(3040)", "OnPremisesSuccessCloudFailure"]),
  article("methods", ["User's account has insufficient authentication methods"]),
]);

describe("AliasIndex.match", () => {
  it.each(["SSPR_0013", "sspr_0013", "sspr0013", "sspr 0013", "Error SSPR_0013: you aren't a member", "SSPR-0013"])(
    "finds a portal code however it is written: %j",
    (q) => {
      expect([...index.match(q).keys()]).toEqual(["sspr-scope"]);
    },
  );

  it("finds every article an ambiguous event id means", () => {
    expect([...index.match("event 33004").keys()].sort()).toEqual([
      "onprem-account-restrictions",
      "writeback-permissions",
    ]);
  });

  it("finds a code written with punctuation inside, and a CamelCase reason", () => {
    expect([...index.match("6329 MMS(3040) policy control").keys()]).toEqual(["writeback-errors"]);
    expect([...index.match("onpremisessuccesscloudfailure").keys()]).toEqual(["writeback-errors"]);
  });

  it("finds a message pasted whole, with more text around it, folded and without apostrophes", () => {
    const q =
      "Failure: Users account has INSUFFICIENT authentication methods defined. Add authentication info to resolve this";
    expect(index.match(q).get("methods")).toEqual({
      strength: 10,
      aliases: ["User's account has insufficient authentication methods"],
    });
  });

  it("finds a message from a paste cut short, but not from a few common words", () => {
    expect([...index.match("not a member of the password reset").keys()]).toEqual(["sspr-scope"]);
    expect(index.match("password reset users").size).toBe(0);
  });

  it("does not match a code inside a longer number or word", () => {
    expect(index.match("330041 sspr00130").size).toBe(0);
  });

  it("ranks a message above a code", () => {
    const m = index.match("SSPR_0029 This user is not a member of the password reset users group");
    expect(m.get("sspr-scope")!.strength).toBeGreaterThan(m.get("writeback-permissions")!.strength);
  });
});

describe("mentions", () => {
  it("says whether a text contains an alias's words", () => {
    expect(mentions("Events 6329 and MMS(3040) mean…", "MMS(3040)")).toBe(true);
    expect(mentions("Event 63290", "6329")).toBe(false);
  });
});
