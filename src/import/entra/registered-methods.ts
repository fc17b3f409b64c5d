/**
 * A user's registered methods from what Graph gives (ENTRA-GRAPH.md §2.4): the per-user
 * `authentication/methods` list when the export has it (types, values, dates), otherwise the
 * registration report's `methodsRegistered` (types only), plus the profile values SSPR
 * uses without registration (mobilePhone, businessPhones[0], otherMails). Values are
 * normalised to E.164 ("+1 4251234567x12" → "+14251234567": SSPR drops extensions).
 */
import type { Method } from "../../domain/catalogue";
import type { GraphAuthenticationMethod, GraphUser } from "./graph-payloads";

export type ImportedMethod = {
  type: Method;
  value?: string;
  registeredAt?: string;
  origin: "methods" | "report" | "profile";
};

/** Graph phone format `+{cc} {number}x{ext}` → E.164; anything else is kept as given (the rules judge it). */
export function normalizePhone(raw: string): string {
  const noExt = raw.replace(/\s*x\d*$/i, "");
  const compact = noExt.replace(/[\s()-]/g, "");
  return /^\+\d{7,15}$/.test(compact) ? compact : raw.trim();
}

/** `methodsRegistered` names → our methods (undocumented enum; names from the doc example and runbooks). */
const REPORT_METHODS: Readonly<Record<string, readonly Method[]>> = {
  email: ["email"],
  mobilePhone: ["mobile_sms", "mobile_voice"],
  officePhone: ["office_phone"],
  securityQuestion: ["security_questions"],
  microsoftAuthenticatorPush: ["authenticator_notification"],
  softwareOneTimePasscode: ["authenticator_code"],
};

export function methodsFromReport(names: readonly string[], alternateMobileForSspr: boolean): ImportedMethod[] {
  const out: ImportedMethod[] = [];
  for (const name of names) {
    const types =
      name === "alternateMobilePhone"
        ? alternateMobileForSspr
          ? REPORT_METHODS.mobilePhone!
          : []
        : (REPORT_METHODS[name] ?? []);
    for (const type of types) out.push({ type, origin: "report" });
  }
  return out;
}

export function methodsFromMethodsApi(
  list: readonly GraphAuthenticationMethod[],
  alternateMobileForSspr: boolean,
): ImportedMethod[] {
  const out: ImportedMethod[] = [];
  for (const m of list) {
    const at = m.createdDateTime ?? undefined;
    const base = { origin: "methods" as const, ...(at ? { registeredAt: new Date(at).toISOString() } : {}) };
    switch (m["@odata.type"]) {
      case "#microsoft.graph.emailAuthenticationMethod":
        if (m.emailAddress) out.push({ ...base, type: "email", value: m.emailAddress });
        break;
      case "#microsoft.graph.phoneAuthenticationMethod": {
        if (!m.phoneNumber) break;
        const value = normalizePhone(m.phoneNumber);
        if (m.phoneType === "mobile" || (m.phoneType === "alternateMobile" && alternateMobileForSspr)) {
          out.push({ ...base, type: "mobile_sms", value }, { ...base, type: "mobile_voice", value });
        } else if (m.phoneType === "office") out.push({ ...base, type: "office_phone", value });
        break;
      }
      case "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod":
        // Push and the app's one-time code come from the same registration.
        out.push({ ...base, type: "authenticator_notification" }, { ...base, type: "authenticator_code" });
        break;
      case "#microsoft.graph.softwareOathAuthenticationMethod":
        out.push({ ...base, type: "authenticator_code" });
        break;
      default:
        // FIDO2, Windows Hello, password, TAP…: not SSPR methods.
        break;
    }
  }
  return out;
}

/** Profile values SSPR accepts without registration ("Mobile phone", "Office phone", "Alternate email"). */
export function methodsFromProfile(user: GraphUser): ImportedMethod[] {
  const out: ImportedMethod[] = [];
  if (user.mobilePhone) {
    const value = normalizePhone(user.mobilePhone);
    out.push({ type: "mobile_sms", value, origin: "profile" }, { type: "mobile_voice", value, origin: "profile" });
  }
  const office = user.businessPhones?.[0];
  if (office) out.push({ type: "office_phone", value: normalizePhone(office), origin: "profile" });
  for (const mail of user.otherMails ?? []) out.push({ type: "email", value: mail, origin: "profile" });
  return out;
}

/**
 * Registered methods first, each type once; a registered type without a value takes the
 * profile's value for that type; profile values of other types are added as methods too.
 */
export function mergeMethods(
  registered: readonly ImportedMethod[],
  profile: readonly ImportedMethod[],
): ImportedMethod[] {
  const out: ImportedMethod[] = [];
  const key = (m: ImportedMethod) => `${m.type}|${m.value?.toLowerCase() ?? ""}`;
  const seen = new Set<string>();
  const add = (m: ImportedMethod) => {
    if (seen.has(key(m))) return;
    seen.add(key(m));
    out.push(m);
  };
  const profileByType = new Map<Method, ImportedMethod>();
  for (const p of profile) if (!profileByType.has(p.type)) profileByType.set(p.type, p);
  for (const m of registered) {
    const p = m.value === undefined ? profileByType.get(m.type) : undefined;
    add(p ? { ...m, value: p.value } : m);
  }
  for (const p of profile) {
    // A type registered without a value that took this profile value already covers it.
    if (!out.some((m) => m.type === p.type && m.value === p.value)) add(p);
  }
  return out;
}
