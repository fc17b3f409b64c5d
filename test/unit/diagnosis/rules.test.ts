/**
 * Loading rules: the real ruleset loads; each kind of bad rule (in a temp copy of rules/)
 * stops the load with a message naming the file and the problem.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FINDING_CODES, type FindingCode } from "../../../src/domain/catalogue";
import { DEFAULT_RULES_DIR, loadRules } from "../../../src/diagnosis/rules";

const everyArticle = (_code: FindingCode) => true;
const temps: string[] = [];

/** A copy of the real rules/ in a temp dir, with one file edited. */
function rulesWith(edit: (dir: string) => void): string {
  const dir = join(mkdtempSync(join(tmpdir(), "sspr-rules-")), "rules");
  temps.push(dir);
  cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
  edit(dir);
  return dir;
}
function editJson(dir: string, file: string, change: (json: any) => void): void {
  const path = join(dir, file);
  const json = JSON.parse(readFileSync(path, "utf8"));
  change(json);
  writeFileSync(path, JSON.stringify(json));
}
const loadError = (dir: string, hasArticle = everyArticle): string => {
  try {
    loadRules({ dir, hasArticle });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected loadRules to throw");
};

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(join(dir, ".."), { recursive: true, force: true });
});

describe("loadRules", () => {
  it("loads one rule per catalogue code, in catalogue order, with a short version hash", () => {
    const rules = loadRules({ hasArticle: everyArticle });
    expect(rules.rules.map((r) => r.code)).toEqual(FINDING_CODES);
    expect(rules.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it("changes the version when a rule file changes", () => {
    const dir = rulesWith((d) =>
      editJson(d, "verify/too_many_codes_sent.json", (j) => (j.event.params.title = "Too many codes")),
    );
    expect(loadRules({ dir, hasArticle: everyArticle }).version).not.toBe(
      loadRules({ hasArticle: everyArticle }).version,
    );
  });

  it("rejects a rule with an unknown fact, naming the rule", () => {
    const dir = rulesWith((d) =>
      editJson(d, "verify/too_many_codes_sent.json", (j) => (j.conditions.all[0].fact = "throttel")),
    );
    expect(loadError(dir)).toContain(
      'rules/verify/too_many_codes_sent.json: unknown fact "throttel" at conditions.all[0]',
    );
  });

  it("rejects an unknown path of an object fact and a fact reference to an unknown fact", () => {
    const dir = rulesWith((d) =>
      editJson(d, "verify/too_many_codes_sent.json", (j) => {
        j.conditions.all[0].path = "codesSent";
        j.conditions.all[0].value.fact = "limitz";
      }),
    );
    const message = loadError(dir);
    expect(message).toContain('unknown path "codesSent" of fact "throttle"');
    expect(message).toContain('unknown fact "limitz" at conditions.all[0].value');
  });

  it("rejects an unknown operator", () => {
    const dir = rulesWith((d) =>
      editJson(d, "identify/no_license.json", (j) => (j.conditions.all[1].operator = "not:equal")),
    );
    expect(loadError(dir)).toContain('rules/identify/no_license.json: unknown operator "not:equal"');
  });

  it("rejects an unknown fix, and a fix the catalogue does not give the finding", () => {
    const unknown = rulesWith((d) =>
      editJson(
        d,
        "unlock/onprem_account_locked.json",
        (j) => (j.event.params.fixActors = { no_such_fix: "unlockActor" }),
      ),
    );
    expect(loadError(unknown)).toContain('rules/unlock/onprem_account_locked.json: unknown fix "no_such_fix"');
    const foreign = rulesWith((d) =>
      editJson(
        d,
        "unlock/onprem_account_locked.json",
        (j) => (j.event.params.fixActors = { enable_account: "unlockActor" }),
      ),
    );
    expect(loadError(foreign)).toContain('fix "enable_account" is not a fix of onprem_account_locked');
  });

  it("rejects an unknown code", () => {
    const dir = rulesWith((d) =>
      writeFileSync(
        join(d, "verify/made_up_code.json"),
        JSON.stringify({
          name: "made_up_code",
          conditions: { all: [{ fact: "userExists", operator: "equal", value: true }] },
          event: { type: "made_up_code", params: { title: "t", explanation: "e" } },
        }),
      ),
    );
    expect(loadError(dir)).toContain('rules/verify/made_up_code.json: unknown finding code "made_up_code"');
  });

  it("rejects a code without a knowledge-base article", () => {
    const message = loadError(DEFAULT_RULES_DIR, (code) => code !== "password_banned");
    expect(message).toContain(
      "rules/set_password/password_banned.json: no knowledge-base article answers password_banned",
    );
  });

  it("rejects a catalogue code without a rule", () => {
    const dir = rulesWith((d) => unlinkSync(join(d, "register/reconfirm_never.json")));
    expect(loadError(dir)).toContain("rules/register/reconfirm_never.json: missing");
  });

  it("rejects a file whose name, rule name and event type disagree", () => {
    const dir = rulesWith((d) => editJson(d, "identify/no_license.json", (j) => (j.event.type = "no_licence")));
    expect(loadError(dir)).toContain(
      'rules/identify/no_license.json: event.type "no_licence" differs from name "no_license"',
    );
  });

  it("rejects a rule filed under the wrong stage", () => {
    const dir = rulesWith((d) => {
      cpSync(join(d, "identify/no_license.json"), join(d, "verify/no_license.json"));
      unlinkSync(join(d, "identify/no_license.json"));
    });
    expect(loadError(dir)).toContain("rules/verify/no_license.json: belongs in rules/identify/");
  });

  it("rejects a template placeholder that names no fact, and unknown keys", () => {
    const dir = rulesWith((d) =>
      editJson(d, "identify/no_license.json", (j) => {
        j.event.params.explanation = "{nobody} has no licence";
        j.colour = "red";
      }),
    );
    expect(loadError(dir)).toMatch(/no_license\.json: .*colour/);
    const template = rulesWith((d) =>
      editJson(d, "identify/no_license.json", (j) => (j.event.params.explanation = "{nobody} has no licence")),
    );
    expect(loadError(template)).toContain('unknown fact "nobody" at event.params.explanation {nobody}');
  });

  it("rejects a file that is not JSON", () => {
    const dir = rulesWith((d) => writeFileSync(join(d, "identify/no_license.json"), "{ nope"));
    expect(loadError(dir)).toContain("rules/identify/no_license.json: not JSON");
  });
});
