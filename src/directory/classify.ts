/**
 * Error classification: what a directory's refusal means, as a catalogue code. It keys
 * only on codes the directory gives — the LDAP result code, the ppolicy control's error
 * enum (OpenLDAP), the leading 8-hex-digit Win32 error word and the bind's `data xxx`
 * subcode (Active Directory / Samba), the socket's or TLS stack's error code — never on
 * the prose, which differs between Samba and Windows and between releases. The directory's
 * own text travels along as evidence. The mapping table is in
 * docs/decisions/013-directory-connectors.md.
 */
import type { WritebackFailureCode } from "../writeback/connector";
import type { PpolicyError } from "./ppolicy-control";

export type DirectoryFailureCode = WritebackFailureCode;

export type DirectoryKind = "openldap" | "ad";
/** What was being done when it failed: the same refusal means a different missing right. */
export type DirectoryOperation = "reset" | "unlock" | "reset_and_unlock" | "bind" | "read";

export type DirectoryEvidence = {
  directory: DirectoryKind;
  operation: DirectoryOperation;
  /** LDAP result code (RFC 4511), when the server answered. */
  resultCode?: number;
  /** AD: the leading Win32 error word of the diagnostic, e.g. "0000052D". */
  win32?: string;
  /** AD bind: the `data xxx` subcode, e.g. "775". */
  bindData?: string;
  /** OpenLDAP: the ppolicy response control's error. */
  ppolicy?: PpolicyError;
  /** Socket or TLS error code when the server never answered, e.g. "ECONNREFUSED". */
  network?: string;
  tls?: boolean;
  /** The directory's own text, verbatim (never shown to the person; staff evidence). */
  diagnostic?: string;
};

export type DirectoryFailure = { code: DirectoryFailureCode; detail: string; evidence: DirectoryEvidence };

const TLS_CODES =
  /^(CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(VERIFY|GET)_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH)/;
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "ECONNABORTED",
]);

/** The parts of a thrown ldapts / socket error we key on. */
function partsOf(err: unknown): { resultCode?: number; code?: string; message: string } {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  const message = typeof e?.message === "string" ? e.message : String(err);
  if (typeof e?.code === "number") return { resultCode: e.code, message };
  return { code: typeof e?.code === "string" ? e.code : undefined, message };
}

/** ldapts appends " Code: 0x13" to the server's diagnostic; strip it to keep the server's words. */
const diagnosticOf = (message: string) => message.replace(/\s*Code: 0x[0-9a-f]+$/i, "").trim();

/** A failure before any LDAP answer: the socket, the TLS handshake, or our timeout. */
export function classifyTransport(
  kind: DirectoryKind,
  operation: DirectoryOperation,
  err: unknown,
  url?: string,
): DirectoryFailure | undefined {
  const { resultCode, code, message } = partsOf(err);
  if (resultCode !== undefined) return undefined;
  const where = url ? ` at ${url}` : "";
  if (code && TLS_CODES.test(code)) {
    return {
      code: "writeback_connector_unreachable",
      detail: `The directory${where} presented a TLS certificate we do not trust (${code}).`,
      evidence: { directory: kind, operation, network: code, tls: true, diagnostic: message },
    };
  }
  if (code && NETWORK_CODES.has(code)) {
    return {
      code: "writeback_connector_unreachable",
      detail: `The directory${where} did not answer (${code}).`,
      evidence: { directory: kind, operation, network: code, diagnostic: message },
    };
  }
  // ldapts raises plain Errors for its own timeouts and closed sockets (no code to key on).
  if (/^Connection timeout$|Operation timed out$|^Connection closed/.test(message)) {
    return {
      code: "writeback_connector_unreachable",
      detail: `The directory${where} did not answer in time.`,
      evidence: { directory: kind, operation, network: "timeout", diagnostic: message },
    };
  }
  return undefined;
}

function missingRight(operation: DirectoryOperation, win32: string | undefined): DirectoryFailureCode {
  if (operation === "unlock") return "writeback_missing_unlock_permission";
  // In a combined AD modify, a refused attribute write (lockoutTime, pwdLastSet) carries
  // 00002098; a refused Reset-Password right carries no word (Samba) or 00000005 (Windows).
  if (operation === "reset_and_unlock" && win32 === "00002098") return "writeback_missing_unlock_permission";
  return "writeback_missing_reset_permission";
}

/**
 * The catalogue code of a failed directory operation.
 *
 * @example
 * classify("ad", "reset", Object.assign(new Error("0000052D: Constraint violation - … Code: 0x13"), { code: 19 })).code;
 * // "onprem_password_policy_rejected"
 */
export function classify(
  kind: DirectoryKind,
  operation: DirectoryOperation,
  err: unknown,
  ppolicy?: PpolicyError,
): DirectoryFailure {
  const transport = classifyTransport(kind, operation, err);
  if (transport) return transport;
  const { resultCode, message } = partsOf(err);
  const diagnostic = diagnosticOf(message);
  const win32 = kind === "ad" ? /^([0-9A-F]{8}):/i.exec(diagnostic)?.[1]?.toUpperCase() : undefined;
  const bindData = kind === "ad" ? /\bdata ([0-9a-f]{3,8}),/i.exec(diagnostic)?.[1]?.toLowerCase() : undefined;
  const evidence: DirectoryEvidence = { directory: kind, operation, resultCode, diagnostic };
  if (win32) evidence.win32 = win32;
  if (bindData) evidence.bindData = bindData;
  if (ppolicy) evidence.ppolicy = ppolicy;
  const out = (code: DirectoryFailureCode, detail: string): DirectoryFailure => ({ code, detail, evidence });

  // OpenLDAP: the ppolicy control names the rule.
  switch (ppolicy) {
    case "passwordInHistory":
      return out(
        "password_recently_used",
        "The directory refused a password it has seen recently (its password history).",
      );
    case "passwordTooYoung":
      return out(
        "onprem_min_password_age",
        "The directory's minimum password age has not passed since the last change.",
      );
    case "passwordTooShort":
    case "passwordTooLong":
    case "insufficientPasswordQuality":
      return out(
        "onprem_password_policy_rejected",
        "The directory's password policy refused the new password (length or quality).",
      );
    case "passwordModNotAllowed":
      return out(
        "onprem_cannot_change_password",
        "The directory does not allow this account's password to be changed.",
      );
    case "accountLocked":
      return out("onprem_account_locked", "The directory reports the account locked.");
    default:
  }

  // Active Directory: the Win32 error word, then the bind subcode.
  switch (win32) {
    case "0000052D": // ERROR_PASSWORD_RESTRICTION: length, complexity, history or age — the word does not say which
      return out("onprem_password_policy_rejected", "The directory's password policy refused the new password.");
    case "00002098": // ERROR_DS_INSUFF_ACCESS_RIGHTS (attribute write)
    case "00000005": // ERROR_ACCESS_DENIED
      return out(missingRight(operation, win32), "The service account lacks the right to do this in the directory.");
    case "00000056": // ERROR_INVALID_PASSWORD: a wrong old password on a self-change
      return out("writeback_unknown_error", "The directory refused the old password of a self-change.");
    default:
  }
  if (resultCode === 49 && bindData) {
    if (bindData === "775") return out("onprem_account_locked", "The directory reports the account locked.");
    if (bindData === "533") return out("onprem_account_disabled", "The directory reports the account disabled.");
  }

  switch (resultCode) {
    case 19: // constraintViolation on a password write without a finer code: a policy refusal
      return out("onprem_password_policy_rejected", "The directory's password policy refused the new password.");
    case 50: // insufficientAccessRights
      return out(missingRight(operation, win32), "The service account lacks the right to do this in the directory.");
    case 32: // noSuchObject
      return out("onprem_account_not_found", "The directory has no such account.");
    case 8: // strongAuthRequired: a simple bind without TLS
    case 13: // confidentialityRequired
      return {
        code: "writeback_connector_unreachable",
        detail: "The directory requires TLS for this connection; configure ldaps:// or StartTLS.",
        evidence: { ...evidence, tls: true },
      };
    case 51: // busy
    case 52: // unavailable
      return out("writeback_connector_unreachable", "The directory said it is unavailable.");
    default:
      return out(
        "writeback_unknown_error",
        "The directory refused the operation for a reason we do not map; its answer is in the evidence.",
      );
  }
}
