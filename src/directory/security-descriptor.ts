/**
 * Reading an Active Directory security descriptor for one question: does this set of
 * SIDs hold the Reset-Password extended right on the object? AD exposes attribute write
 * rights as `allowedAttributesEffective`, but an extended right (a control access right)
 * only in the DACL, so we evaluate the DACL the way the directory does: ACEs in order,
 * inherit-only ones skipped, the first allow or deny that covers the right decides.
 */

/** The Reset-Password control access right (schema: User-Force-Change-Password). */
export const RESET_PASSWORD_RIGHT = "00299570-246d-11d0-a768-00aa006e0529";
const CONTROL_ACCESS = 0x100;
const GENERIC_ALL = 0x10000000;
const INHERIT_ONLY = 0x08;
const OBJECT_TYPE_PRESENT = 0x1;

/** Binary SID → "S-1-5-21-…". */
export function sidToString(b: Buffer, at = 0): string {
  const count = b[at + 1]!;
  const authority = b.readUIntBE(at + 2, 6);
  const subs = Array.from({ length: count }, (_, i) => b.readUInt32LE(at + 8 + 4 * i));
  return `S-${b[at]}-${authority}${subs.map((s) => `-${s}`).join("")}`;
}

/** Binary GUID (first three fields little-endian) → "00299570-246d-…". */
export function guidToString(b: Buffer, at = 0): string {
  const h = (start: number, len: number, le: boolean) => {
    const bytes = [...b.subarray(at + start, at + start + len)];
    return (le ? bytes.reverse() : bytes).map((x) => x.toString(16).padStart(2, "0")).join("");
  };
  return `${h(0, 4, true)}-${h(4, 2, true)}-${h(6, 2, true)}-${h(8, 2, false)}-${h(10, 6, false)}`;
}

/**
 * Whether `sids` hold the control access right `right` on the object whose self-relative
 * security descriptor is `sd`.
 */
export function holdsControlAccessRight(sd: Buffer, sids: ReadonlySet<string>, right: string): boolean {
  const daclOffset = sd.readUInt32LE(16);
  if (daclOffset === 0) return true; // a NULL DACL grants everything
  const aceCount = sd.readUInt16LE(daclOffset + 4);
  let at = daclOffset + 8;
  for (let i = 0; i < aceCount; i++) {
    const type = sd[at]!;
    const flags = sd[at + 1]!;
    const size = sd.readUInt16LE(at + 2);
    const mask = sd.readUInt32LE(at + 4);
    const covers = (mask & (CONTROL_ACCESS | GENERIC_ALL)) !== 0;
    if (!(flags & INHERIT_ONLY) && covers) {
      if (type === 0x00 || type === 0x01) {
        // ACCESS_ALLOWED / ACCESS_DENIED: every extended right
        if (sids.has(sidToString(sd, at + 8))) return type === 0x00;
      } else if (type === 0x05 || type === 0x06) {
        // ACCESS_ALLOWED_OBJECT / ACCESS_DENIED_OBJECT
        const objFlags = sd.readUInt32LE(at + 8);
        let p = at + 12;
        const objectType = objFlags & OBJECT_TYPE_PRESENT ? guidToString(sd, p) : undefined;
        if (objFlags & OBJECT_TYPE_PRESENT) p += 16;
        if (objFlags & 0x2) p += 16; // inherited object type
        if ((objectType === undefined || objectType === right) && sids.has(sidToString(sd, p))) return type === 0x05;
      }
    }
    at += size;
  }
  return false;
}
