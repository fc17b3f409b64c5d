/**
 * The classifier alone: codes in, catalogue codes out — and the prose never matters
 * (the same code with different words classifies the same).
 */
import { describe, expect, it } from "vitest";
import { classify, classifyTransport } from "../../src/directory/classify";
import { openSecret, sealSecret, secretKeyFrom } from "../../src/directory/secret-box";

const ldapError = (code: number, message: string) =>
  Object.assign(new Error(`${message} Code: 0x${code.toString(16)}`), { code });
const sysError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe("classify", () => {
  it.each([
    [
      "openldap",
      "reset",
      ldapError(19, "Password is in history of old passwords"),
      "passwordInHistory",
      "password_recently_used",
    ],
    [
      "openldap",
      "reset",
      ldapError(19, "Password is too young to change"),
      "passwordTooYoung",
      "onprem_min_password_age",
    ],
    [
      "openldap",
      "reset",
      ldapError(19, "Password fails quality checking policy"),
      "passwordTooShort",
      "onprem_password_policy_rejected",
    ],
    ["openldap", "reset", ldapError(19, "whatever the words"), undefined, "onprem_password_policy_rejected"],
    ["openldap", "reset", ldapError(50, ""), undefined, "writeback_missing_reset_permission"],
    ["openldap", "unlock", ldapError(50, ""), undefined, "writeback_missing_unlock_permission"],
    [
      "ad",
      "reset",
      ldapError(19, "0000052D: Constraint violation - check_password_restrictions: the password is too short."),
      undefined,
      "onprem_password_policy_rejected",
    ],
    [
      "ad",
      "reset",
      ldapError(53, "0000052D: SvcErr: DSID-031A12D2, problem 5003 (WILL_NOT_PERFORM), data 0"),
      undefined,
      "onprem_password_policy_rejected",
    ],
    [
      "ad",
      "reset",
      ldapError(50, "00000005: SecErr: DSID-031A1236, problem 4003 (INSUFF_ACCESS_RIGHTS), data 0"),
      undefined,
      "writeback_missing_reset_permission",
    ],
    [
      "ad",
      "reset_and_unlock",
      ldapError(50, "00002098: Object CN=carol has no write property access"),
      undefined,
      "writeback_missing_unlock_permission",
    ],
    [
      "ad",
      "bind",
      ldapError(49, "80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 775, v1db1"),
      undefined,
      "onprem_account_locked",
    ],
    [
      "ad",
      "bind",
      ldapError(49, "80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 533, v1db1"),
      undefined,
      "onprem_account_disabled",
    ],
    [
      "ad",
      "reset",
      ldapError(32, "0000208D: NameErr: DSID-03100241, problem 2001 (NO_OBJECT)"),
      undefined,
      "onprem_account_not_found",
    ],
    [
      "ad",
      "bind",
      ldapError(8, "00002028: BindSimple: Transport encryption required."),
      undefined,
      "writeback_connector_unreachable",
    ],
    [
      "ad",
      "reset",
      ldapError(53, "00002035: setup_io: it's not allowed to set the NT hash password directly'"),
      undefined,
      "writeback_unknown_error",
    ],
  ] as const)("%s %s: %s → %s/%s", (kind, op, err, ppolicy, code) => {
    expect(classify(kind, op, err, ppolicy).code).toBe(code);
  });

  it("keys on the code, not the words: a translated message classifies the same", () => {
    const a = classify("ad", "reset", ldapError(19, "0000052D: Constraint violation - the password is too short"));
    const b = classify("ad", "reset", ldapError(19, "0000052D: Einschränkungsverletzung - Kennwort zu kurz"));
    expect(a.code).toBe(b.code);
  });

  it("reports socket and TLS failures as unreachable, TLS marked as such", () => {
    expect(classifyTransport("ad", "bind", sysError("ECONNREFUSED"))).toMatchObject({
      code: "writeback_connector_unreachable",
      evidence: { network: "ECONNREFUSED" },
    });
    expect(classifyTransport("ad", "bind", sysError("DEPTH_ZERO_SELF_SIGNED_CERT"))).toMatchObject({
      code: "writeback_connector_unreachable",
      evidence: { tls: true },
    });
    expect(classifyTransport("ad", "bind", sysError("ERR_TLS_CERT_ALTNAME_INVALID"))).toMatchObject({
      evidence: { tls: true },
    });
    expect(classifyTransport("ad", "bind", new Error("Connection timeout"))).toMatchObject({
      evidence: { network: "timeout" },
    });
    expect(classifyTransport("ad", "bind", ldapError(49, ""))).toBeUndefined();
  });
});

describe("secret box", () => {
  const key = secretKeyFrom("11".repeat(32));
  it("opens what it sealed, never stores the clear text, and refuses another key or a tampered value", () => {
    const sealed = sealSecret(key, "Svc#Reset#Pass1");
    expect(sealed).not.toContain("Svc#Reset");
    expect(openSecret(key, sealed)).toBe("Svc#Reset#Pass1");
    expect(sealSecret(key, "same")).not.toBe(sealSecret(key, "same"));
    expect(() => openSecret(secretKeyFrom("22".repeat(32)), sealed)).toThrow();
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => openSecret(key, `v1:${raw.toString("base64")}`)).toThrow();
  });
  it("takes a key as 64 hex digits or base64 of 32 bytes, and names the format otherwise", () => {
    expect(secretKeyFrom(Buffer.alloc(32, 7).toString("base64"))).toHaveLength(32);
    expect(() => secretKeyFrom("too-short")).toThrow(/32 bytes/);
  });
});
