/**
 * The LDAP password policy control (draft-behera-ldap-password-policy, OID
 * 1.3.6.1.4.1.42.2.27.8.5.1) and the RFC 3062 password modify request: how an OpenLDAP
 * server with the ppolicy overlay tells us, as an enum rather than prose, why it refused
 * a password. ldapts 8.2.0 (pinned) hands a response control to the request control
 * instance of the same OID, so the instance we send is the one that receives the answer —
 * even when the operation throws.
 */
import { BerWriter, Control, type BerReader } from "ldapts";

export const PPOLICY_OID = "1.3.6.1.4.1.42.2.27.8.5.1";
export const PASSWORD_MODIFY_OID = "1.3.6.1.4.1.4203.1.11.1";

/** The draft's PasswordPolicyResponseValue error enum, in order (0…9). */
export const PPOLICY_ERRORS = [
  "passwordExpired",
  "accountLocked",
  "changeAfterReset",
  "passwordModNotAllowed",
  "mustSupplyOldPassword",
  "insufficientPasswordQuality",
  "passwordTooShort",
  "passwordTooYoung",
  "passwordInHistory",
  "passwordTooLong",
] as const;
export type PpolicyError = (typeof PPOLICY_ERRORS)[number];

/** Read one BER TLV at `i`: tag, value start and end (short and long length forms). */
function tlv(b: Buffer, i: number): { tag: number; start: number; end: number } | undefined {
  if (i + 1 >= b.length) return undefined;
  const tag = b[i]!;
  let len = b[i + 1]!;
  let start = i + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let k = 0; k < n; k++) len = (len << 8) | b[start + k]!;
    start += n;
  }
  return { tag, start, end: start + len };
}

export class PasswordPolicyControl extends Control {
  /** Whether the server answered with the control at all (a missing answer is evidence too). */
  received = false;
  error?: PpolicyError;
  /** Seconds before expiration, or grace logins left, when the server warns. */
  warning?: { timeBeforeExpiration?: number; graceAuthNsRemaining?: number };

  constructor() {
    super(PPOLICY_OID);
  }

  protected override writeControl(): void {
    // The request control carries no value.
  }

  protected override parseControl(reader: BerReader): void {
    this.received = true;
    const b = reader.buffer;
    const outer = tlv(b, 0);
    if (!outer || outer.tag !== 0x30) return;
    for (let i = outer.start; i < outer.end;) {
      const t = tlv(b, i);
      if (!t) break;
      if (t.tag === 0x81) this.error = PPOLICY_ERRORS[b[t.end - 1]!];
      if (t.tag === 0xa0) {
        const w = tlv(b, t.start);
        if (w) {
          let n = 0;
          for (let k = w.start; k < w.end; k++) n = n * 256 + b[k]!;
          this.warning = w.tag === 0x80 ? { timeBeforeExpiration: n } : { graceAuthNsRemaining: n };
        }
      }
      i = t.end;
    }
  }
}

/** RFC 3062 PasswdModifyRequestValue: SEQUENCE { [0] userIdentity, [1] oldPasswd, [2] newPasswd }. */
export function passwordModifyValue(req: { userDn?: string; oldPassword?: string; newPassword?: string }): Buffer {
  const w = new BerWriter();
  w.startSequence();
  if (req.userDn !== undefined) w.writeString(req.userDn, 0x80);
  if (req.oldPassword !== undefined) w.writeString(req.oldPassword, 0x81);
  if (req.newPassword !== undefined) w.writeString(req.newPassword, 0x82);
  w.endSequence();
  return w.buffer;
}
