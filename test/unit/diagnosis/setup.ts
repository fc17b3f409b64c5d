/**
 * One ruleset and diagnoser for the diagnosis tests: the project's real rules/, with a
 * stand-in article per code (the knowledge base is tested on its own).
 */
import type { FindingCode } from "../../../src/domain/catalogue";
import { createDiagnoser } from "../../../src/diagnosis/engine";
import { loadRules } from "../../../src/diagnosis/rules";

export const articlesFor = (code: FindingCode) => [
  { slug: `kb-${code}`, title: `About ${code}`, url: `/kb/kb-${code}` },
];
export const ruleSet = loadRules({ hasArticle: () => true });
export const diagnoser = createDiagnoser({ rules: ruleSet, articlesFor });
