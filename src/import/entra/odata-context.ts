/**
 * Does an answer's `@odata.context` name the resource its file path names? Graph writes
 * the context as `…/$metadata#users(id,userPrincipalName)` (with a `$select` list),
 * `…#users('1f3c…')/authentication/methods`, `…#policies/authorizationPolicy/$entity`, or
 * the entity set's type (`#directoryObjects` for transitiveMembers). A file whose context
 * names another resource (or another user's or group's) was saved in the wrong place.
 */

/** The context's resource path as segments: `users('x')/authentication/methods` → users, x, authentication, methods. */
export function contextSegments(context: string): string[] | undefined {
  const hash = context.indexOf("#");
  if (hash < 0) return undefined;
  const fragment = context.slice(hash + 1).replace(/\/\$entity$/, "");
  const out: string[] = [];
  for (const segment of fragment.split("/")) {
    const m = /^([^(]+)(?:\((.*)\))?$/.exec(segment);
    if (!m) return undefined;
    out.push(m[1]!);
    // `('key')` is a key; `(a,b,c)` without quotes is a $select list and names nothing.
    const key = m[2] !== undefined ? /^'(.*)'$/.exec(m[2]) : null;
    if (key) out.push(key[1]!);
  }
  return out;
}

/** Entity-set types Graph writes instead of the path, per the path's last segment. */
const TYPE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  transitiveMembers: ["directoryObjects"],
  members: ["directoryObjects"],
  authenticationMethodsPolicy: ["authenticationMethodsPolicy"],
  authorizationPolicy: ["authorizationPolicy", "policies/authorizationPolicy"],
  methods: ["authenticationMethods"],
};

/**
 * @example contextMatchesPath("https://graph.microsoft.com/v1.0/$metadata#users(id,userPrincipalName)", "users") // true
 * @example contextMatchesPath("https://graph.microsoft.com/v1.0/$metadata#groups", "users") // false
 */
export function contextMatchesPath(context: string, path: string): boolean {
  const segments = contextSegments(context);
  if (!segments) return false;
  const want = path.split("/");
  if (segments.length === want.length && segments.every((s, i) => s.toLowerCase() === want[i]!.toLowerCase()))
    return true;
  const last = want[want.length - 1]!;
  return (TYPE_ALIASES[last] ?? []).some((alias) => alias.toLowerCase() === segments.join("/").toLowerCase());
}
