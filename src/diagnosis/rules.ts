/**
 * The ruleset: every `rules/<stage>/<code>.json`, read and validated once at start-up.
 * A bad rule is a programmer's mistake, so loading throws one Error naming each file and
 * problem: syntax, unknown facts / paths / operators / codes / fixes, file name ≠ `name`
 * ≠ `event.type`, a rule in the wrong stage folder, duplicates, a catalogue code without
 * a rule, or a code without a knowledge-base article. `version` hashes the files, so a
 * diagnosis names the exact rules that produced it.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  FINDINGS,
  FINDING_CODES,
  catalogueIndex,
  isFindingCode,
  isFixId,
  type FindingCode,
  type FixId,
} from "../domain/catalogue";
import { formatPath } from "../domain/snapshot";
import { FACTS, isFactName, type FactName } from "./facts";
import { isOperatorName } from "./operators";
import { RuleFileSchema, isFactRef, isLeaf, type Condition, type RuleFile, type TopCondition } from "./rule-schema";
import { placeholders } from "./templates";

export type RuleDefinition = {
  code: FindingCode;
  /** Path of the file, relative to the rules folder's parent (e.g. `rules/verify/x.json`). */
  file: string;
  conditions: TopCondition;
  title: string;
  explanation: string;
  /** Fixes whose actor is read from a fact (e.g. unlock_account → unlockActor). */
  fixActors: Partial<Record<FixId, FactName>>;
  /** The rule as json-rules-engine takes it. */
  json: RuleFile;
};

export type RuleSet = {
  /** In catalogue order. */
  rules: readonly RuleDefinition[];
  /** Short sha256 of every rule file (path and content). */
  version: string;
};

export type LoadRulesOptions = {
  /** Folder holding `<stage>/<code>.json`; defaults to the project's `rules/`. */
  dir?: string;
  /** Whether the knowledge base answers this code; a code without an article is a load error. */
  hasArticle: (code: FindingCode) => boolean;
};

/** The project's `rules/` folder, found from this module, not the working directory. */
export const DEFAULT_RULES_DIR = fileURLToPath(new URL("../../rules", import.meta.url));

function checkRef(fact: string, path: string | undefined, where: string, problems: string[]): void {
  if (!isFactName(fact)) {
    problems.push(`unknown fact "${fact}" at ${where}`);
    return;
  }
  const spec = FACTS[fact];
  if (spec.kind === "object") {
    if (path === undefined) problems.push(`fact "${fact}" needs a path (one of ${spec.keys.join(", ")}) at ${where}`);
    else if (!spec.keys.includes(path)) problems.push(`unknown path "${path}" of fact "${fact}" at ${where}`);
  } else if (path !== undefined) {
    problems.push(`fact "${fact}" has no path "${path}" at ${where}`);
  }
}

function checkCondition(condition: Condition, at: (string | number)[], problems: string[]): void {
  const where = formatPath(at);
  if ("all" in condition) condition.all.forEach((c, i) => checkCondition(c, [...at, "all", i], problems));
  else if ("any" in condition) condition.any.forEach((c, i) => checkCondition(c, [...at, "any", i], problems));
  else if ("not" in condition) checkCondition(condition.not, [...at, "not"], problems);
  else if (isLeaf(condition)) {
    checkRef(condition.fact, condition.path, where, problems);
    if (!isOperatorName(condition.operator)) problems.push(`unknown operator "${condition.operator}" at ${where}`);
    const { value } = condition;
    if (isFactRef(value)) {
      const extra = Object.keys(value).filter((k) => k !== "fact" && k !== "path");
      if (extra.length > 0) problems.push(`fact reference has unknown keys ${extra.join(", ")} at ${where}.value`);
      checkRef(String(value.fact), value.path, `${where}.value`, problems);
    } else if ((condition.operator === "in" || condition.operator === "notIn") && !Array.isArray(value)) {
      problems.push(`operator "${condition.operator}" needs a list value at ${where}`);
    }
  }
}

function checkTemplate(template: string, field: string, problems: string[]): void {
  for (const { fact, path } of placeholders(template))
    checkRef(fact, path, `event.params.${field} {${path ? `${fact}.${path}` : fact}}`, problems);
}

/**
 * Validates one parsed rule file; returns its problems (empty when sound).
 *
 * @example
 * validateRule("identify", "account_not_found.json", json); // []
 */
export function validateRule(stage: string, fileName: string, json: unknown): { rule?: RuleFile; problems: string[] } {
  const parsed = RuleFileSchema.safeParse(json);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => `${i.message} at ${formatPath(i.path) || "(root)"}`) };
  }
  const rule = parsed.data;
  const problems: string[] = [];
  const code = basename(fileName, ".json");
  if (rule.name !== code) problems.push(`name "${rule.name}" differs from the file name "${code}"`);
  if (rule.event.type !== rule.name) problems.push(`event.type "${rule.event.type}" differs from name "${rule.name}"`);
  if (!isFindingCode(rule.name)) problems.push(`unknown finding code "${rule.name}"`);
  else if (FINDINGS[rule.name].stage !== stage)
    problems.push(`belongs in rules/${FINDINGS[rule.name].stage}/, not rules/${stage}/`);
  checkCondition(rule.conditions, ["conditions"], problems);
  checkTemplate(rule.event.params.title, "title", problems);
  checkTemplate(rule.event.params.explanation, "explanation", problems);
  for (const [fix, fact] of Object.entries(rule.event.params.fixActors ?? {})) {
    if (!isFixId(fix)) problems.push(`unknown fix "${fix}" in event.params.fixActors`);
    else if (isFindingCode(rule.name) && !(FINDINGS[rule.name].fixes as readonly string[]).includes(fix)) {
      problems.push(`fix "${fix}" is not a fix of ${rule.name} in the catalogue`);
    }
    if (!isFactName(fact) || FACTS[fact].kind !== "actor")
      problems.push(`fixActors.${fix}: "${fact}" is not an actor fact`);
  }
  return { rule, problems };
}

/**
 * Reads, validates and versions the ruleset.
 *
 * @example
 * const rules = loadRules({ hasArticle: (code) => kb.articlesFor(code).length > 0 });
 * rules.rules.length; // 49
 * rules.version; // "3f9a0c1d2b7e"
 */
export function loadRules(options: LoadRulesOptions): RuleSet {
  const dir = options.dir ?? DEFAULT_RULES_DIR;
  const root = basename(dir);
  const problems: string[] = [];
  const hash = createHash("sha256");
  const byCode = new Map<FindingCode, RuleDefinition>();

  const stages = readdirSync(dir)
    .filter((entry) => statSync(join(dir, entry)).isDirectory())
    .sort();
  for (const stage of stages) {
    for (const fileName of readdirSync(join(dir, stage))
      .filter((f) => f.endsWith(".json"))
      .sort()) {
      const file = `${root}/${stage}/${fileName}`;
      const text = readFileSync(join(dir, stage, fileName), "utf8");
      hash.update(`${stage}/${fileName}\n${text}\n`);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        problems.push(`${file}: not JSON (${(error as Error).message})`);
        continue;
      }
      const { rule, problems: own } = validateRule(stage, fileName, json);
      problems.push(...own.map((p) => `${file}: ${p}`));
      if (rule === undefined || own.length > 0 || !isFindingCode(rule.name)) continue;
      if (byCode.has(rule.name)) {
        problems.push(`${file}: duplicate rule for ${rule.name} (also ${byCode.get(rule.name)!.file})`);
        continue;
      }
      if (!options.hasArticle(rule.name)) problems.push(`${file}: no knowledge-base article answers ${rule.name}`);
      byCode.set(rule.name, {
        code: rule.name,
        file,
        conditions: rule.conditions,
        title: rule.event.params.title,
        explanation: rule.event.params.explanation,
        fixActors: (rule.event.params.fixActors ?? {}) as Partial<Record<FixId, FactName>>,
        json: rule,
      });
    }
  }
  for (const code of FINDING_CODES) {
    if (!byCode.has(code) && !problems.some((p) => p.includes(`/${code}.json:`))) {
      problems.push(`${root}/${FINDINGS[code].stage}/${code}.json: missing — every catalogue code needs a rule`);
    }
  }
  if (problems.length > 0) throw new Error(`invalid rules (${problems.length}):\n- ${problems.join("\n- ")}`);
  const rules = [...byCode.values()].sort((a, b) => catalogueIndex(a.code) - catalogueIndex(b.code));
  return { rules, version: hash.digest("hex").slice(0, 12) };
}
