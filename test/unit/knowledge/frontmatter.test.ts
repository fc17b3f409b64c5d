import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KbContentError, readFrontmatter } from "../../../src/knowledge/frontmatter";
import { loadKnowledgeBase } from "../../../src/knowledge/knowledge-base";
import { parseArticle } from "../../../src/knowledge/parse";

const VALID = [
  "title: Codes",
  "audience: [user]",
  "answers: [faq_code_lifetime]",
  "tags: [code]",
  "updated: 2026-11-24",
];

function problemsOf(lines: string[], source = "content/lv/x.md"): string[] {
  const result = parseArticle(`---\n${lines.join("\n")}\n---\n\nBody.\n`, { slug: "x", locale: "lv", source });
  return result.ok ? [] : result.problems;
}

describe("readFrontmatter", () => {
  it("accepts the CONTRACT §4 header", () => {
    const result = readFrontmatter({ yaml: VALID.join("\n"), startLine: 1, source: "a.md", slug: "a", locale: "en" });
    expect(result).toEqual({
      ok: true,
      meta: {
        slug: "a",
        locale: "en",
        source: "a.md",
        title: "Codes",
        audience: ["user"],
        answers: ["faq_code_lifetime"],
        tags: ["code"],
        aliases: [],
        updated: "2026-11-24",
        foreign: false,
      },
    });
  });

  it("reads aliases, keeping event ids written bare as their digits", () => {
    const result = readFrontmatter({
      yaml: [
        ...VALID,
        "aliases:",
        "  - SSPR_0029",
        "  - 33004",
        '  - "User\'s account has insufficient authentication methods"',
      ].join("\n"),
      startLine: 1,
      source: "a.md",
      slug: "a",
      locale: "en",
    });
    expect(result.ok && result.meta.aliases).toEqual([
      "SSPR_0029",
      "33004",
      "User's account has insufficient authentication methods",
    ]);
  });

  it("names the line of an alias that is neither text nor a whole number", () => {
    expect(
      problemsOf([
        "title: Codes",
        "audience: [user]",
        "answers: []",
        "updated: 2026-11-24",
        "aliases:",
        "  - SSPR_0029",
        "  - 1.5",
      ]),
    ).toEqual(["content/lv/x.md:8 aliases.1: expected text or a whole number"]);
  });

  it("names file, line and field: `content/lv/x.md:2 answers: expected array`", () => {
    expect(
      problemsOf(["answers: faq_code_lifetime", "title: Codes", "audience: [user]", "updated: 2026-11-24"]),
    ).toEqual(["content/lv/x.md:2 answers: expected array"]);
  });

  it("points at the item of a list for a bad audience", () => {
    expect(
      problemsOf(["title: Codes", "audience:", "  - user", "  - boss", "answers: []", "updated: 2026-11-24"]),
    ).toEqual(["content/lv/x.md:5 audience.1: expected one of user, admin, support"]);
  });

  it("reports a missing field at the opening fence and an empty audience where it is", () => {
    expect(problemsOf(["audience: []", "answers: []", "updated: 2026-11-24"])).toEqual([
      "content/lv/x.md:1 title: required (expected string)",
      "content/lv/x.md:2 audience: expected at least 1 item(s)",
    ]);
  });

  it.each([["2026-13-01"], ["2026-02-30"], ["24.11.2026"]])("rejects the date %j", (date) => {
    const problems = problemsOf(["title: Codes", "audience: [user]", "answers: []", `updated: ${date}`]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^content\/lv\/x\.md:5 updated: /);
  });

  it("reports broken YAML with its line", () => {
    const problems = problemsOf(["title: Codes", "audience: [user", "answers: []"]);
    expect(problems[0]).toMatch(/^content\/lv\/x\.md:\d+ yaml: /);
  });

  it("reports a file without frontmatter", () => {
    const result = parseArticle("# Just a heading\n", { slug: "x", source: "content/en/x.md" });
    expect(result).toEqual({
      ok: false,
      problems: ["content/en/x.md:1 frontmatter: missing (expected a --- block first)"],
    });
  });

  it("ingests a docs page header (ms.* keys, no answers) as a foreign article", () => {
    const result = readFrontmatter({
      yaml: "title: Sveiki\nms.audience: ITPro\nms.contentlocale: lv-LV\nms.date: 3/7/2021",
      startLine: 1,
      source: "x.md",
      slug: "x",
    });
    expect(result.ok && result.meta).toMatchObject({
      locale: "lv",
      audience: ["user", "admin", "support"],
      answers: [],
      updated: "2021-03-07",
      foreign: true,
    });
  });
});

describe("loadKnowledgeBase with invalid content", () => {
  it("throws KbContentError listing every bad file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kb-bad-"));
    mkdirSync(join(dir, "en"));
    mkdirSync(join(dir, "lv"));
    writeFileSync(join(dir, "en", "a.md"), "---\ntitle: A\naudience: [user]\nanswers: x\nupdated: 2026-11-24\n---\n");
    writeFileSync(join(dir, "lv", "b.md"), "---\ntitle: B\naudience: [user]\nanswers: []\nupdated: soon\n---\n");
    const error = await loadKnowledgeBase({ contentDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KbContentError);
    const problems = (error as KbContentError).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/en\/a\.md:4 answers: expected array$/);
    expect(problems[1]).toMatch(/lv\/b\.md:5 updated: expected a date YYYY-MM-DD$/);
  });
});
