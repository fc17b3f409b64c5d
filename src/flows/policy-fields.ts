/**
 * The policy as flat, named text fields — what an HTML form posts and what
 * `npm run admin -- policy set` takes as options — and the one parser from those fields
 * to a policy override. Every CONTRACT §1 policy field (v2 included) is one row of
 * `POLICY_FIELDS`: the form renders a control per row, the CLI derives an option per row,
 * and a refusal names the row, so the page can put it beside its field. The values are
 * validated by the contract's own zod schema (`PolicyOverrideSchema`), as the API's JSON
 * is; this module only turns text into the shapes that schema reads.
 */
import { METHODS } from "../domain/catalogue";
import { ENABLEMENTS, MIGRATION_STATES, parsePolicyOverride, type PolicyOverride } from "../domain/snapshot";

type Kind = "choice" | "list" | "int" | "bool" | "text";

/**
 * Field name → its contract path, how its text reads and, for a fixed set of values, the
 * values (the form's options, the CLI's help). Order is the form's order.
 */
export const POLICY_FIELDS = {
  enablement: { path: "enablement", kind: "choice", choices: ENABLEMENTS },
  selectedGroups: { path: "selectedGroups", kind: "list" },
  methodsAllowed: { path: "methodsAllowed", kind: "list", choices: METHODS },
  methodsRequired: { path: "methodsRequired", kind: "int" },
  questionsToRegister: { path: "securityQuestions.toRegister", kind: "int" },
  questionsToReset: { path: "securityQuestions.toReset", kind: "int" },
  requireAtSignIn: { path: "registration.requireAtSignIn", kind: "bool" },
  reconfirmDays: { path: "registration.reconfirmDays", kind: "int" },
  notifyUserOnReset: { path: "notifications.notifyUserOnReset", kind: "bool" },
  notifyAdminsOnAdminReset: { path: "notifications.notifyAdminsOnAdminReset", kind: "bool" },
  helpdeskUrl: { path: "helpdesk.url", kind: "text" },
  helpdeskEmail: { path: "helpdesk.email", kind: "text" },
  writebackEnabled: { path: "onPremises.writebackEnabled", kind: "bool" },
  allowUnlockWithoutReset: { path: "onPremises.allowUnlockWithoutReset", kind: "bool" },
  adminsSsprEnabled: { path: "admins.ssprEnabled", kind: "bool" },
  migrationState: { path: "methodsPolicy.migrationState", kind: "choice", choices: MIGRATION_STATES },
} as const satisfies Record<string, { path: string; kind: Kind; choices?: readonly string[] }>;

export type PolicyFieldName = keyof typeof POLICY_FIELDS;
export const POLICY_FIELD_NAMES = Object.keys(POLICY_FIELDS) as PolicyFieldName[];

/** The values a field takes when they are a fixed set (the tenant's groups are not). */
export function policyFieldChoices(name: PolicyFieldName): readonly string[] | undefined {
  const field = POLICY_FIELDS[name];
  return "choices" in field ? field.choices : undefined;
}

/** A refusal of one field: its name (the form control, the CLI option) and the contract path. */
export type PolicyFieldIssue = { name: PolicyFieldName | "policy"; path: string; message: string };

export type PolicyFieldsResult = { ok: true; value: PolicyOverride } | { ok: false; issues: PolicyFieldIssue[] };

const TRUE = new Set(["on", "true", "yes", "1"]);
const FALSE = new Set(["off", "false", "no", "0"]);

/** Text as the kind reads it; text that does not read goes on as is, so the schema names the field. */
function read(kind: Kind, raw: string | string[]): unknown {
  if (kind === "list") {
    const items = Array.isArray(raw) ? raw : raw.split(",");
    return items.map((x) => x.trim()).filter(Boolean);
  }
  const text = (Array.isArray(raw) ? (raw[0] ?? "") : raw).trim();
  if (kind === "int") return /^\d{1,6}$/.test(text) ? Number(text) : text;
  if (kind === "bool") return TRUE.has(text.toLowerCase()) ? true : FALSE.has(text.toLowerCase()) ? false : text;
  return text;
}

const byPath = new Map<string, PolicyFieldName>(
  POLICY_FIELD_NAMES.map((name) => [POLICY_FIELDS[name].path, name] as const),
);

/**
 * The fields as a policy override. A form sends every field, but a checkbox left off is
 * absent: `absentBoolIsFalse` reads it so. The CLI sends only the fields it changes, and
 * the others keep their stored value. A blank helpdesk field is kept as "" so a cleared
 * contact clears (an override skips absent keys).
 *
 * @example parsePolicyFields({ methodsRequired: "2", adminsSsprEnabled: "false" }) // { ok: true, value: { methodsRequired: 2, admins: { ssprEnabled: false } } }
 */
export function parsePolicyFields(
  fields: Partial<Record<PolicyFieldName, string | string[]>>,
  opts: { absentBoolIsFalse?: boolean } = {},
): PolicyFieldsResult {
  const draft: Record<string, unknown> = {};
  for (const name of POLICY_FIELD_NAMES) {
    const { path, kind } = POLICY_FIELDS[name];
    const raw = fields[name];
    let value: unknown;
    if (raw !== undefined) value = read(kind, raw);
    else if (kind === "bool" && opts.absentBoolIsFalse) value = false;
    else continue;
    const [head, leaf] = path.split(".") as [string, string | undefined];
    if (leaf === undefined) draft[head] = value;
    else draft[head] = { ...(draft[head] as object | undefined), [leaf]: value };
  }
  const parsed = parsePolicyOverride(draft);
  if (parsed.ok) return parsed;
  return {
    ok: false,
    issues: parsed.issues.map((i) => {
      // "methodsAllowed[1]" is the methodsAllowed field; an unknown nested key has no field of its own.
      const path = i.path.replace(/\[\d+\]$/, "");
      return { name: byPath.get(path) ?? "policy", path: `policy.${i.path}`, message: i.message };
    }),
  };
}
