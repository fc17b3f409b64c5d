import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadKnowledgeBase, type KnowledgeBase } from "../../../src/knowledge/knowledge-base";

// Over the real content: the vocabularies are the articles' own words.
const CONTENT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "content");
// The build is cached by content hash (as the app and test/api do): on a shared, loaded machine a
// cold parse of the real content can outlast the hook timeout, and a warm load is what the app serves.
const KB_CACHE = ".cache/kb";

describe("query language", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await loadKnowledgeBase({ contentDir: CONTENT, cacheDir: KB_CACHE });
  });

  it.each([
    ["kods nepienāca", "en", "lv"],
    ["parole par isu", "en", "lv"],
    ["konts ir bloķēts", "en", "lv"],
    ["my account is disabled", "lv", "en"],
    ["why was my password rejected", "lv", "en"],
    ["SSPR_0029", "lv", "lv"],
    ["33004", "en", "en"],
    ["sms", "lv", "lv"],
  ] as const)("reads %j typed into the %s UI as %s", (q, ui, language) => {
    expect(kb.ask(q, { locale: ui }).language).toBe(language);
  });

  it("finds Latvian articles for a Latvian query in the English UI, and English ones the other way round", () => {
    expect(kb.ask("kods nepienāca", { locale: "en" }).hits[0]).toMatchObject({ locale: "lv" });
    expect(kb.ask("my account is disabled", { locale: "lv" }).hits[0]).toMatchObject({
      slug: "account-disabled",
      locale: "en",
    });
  });
});
