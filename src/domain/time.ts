/**
 * Time arithmetic over the snapshot's ISO instants. The engine reads no clock: every age
 * is measured from `snapshot.now`, so a diagnosis is reproducible from its snapshot.
 */

const MINUTE_MS = 60_000;

// Parsing an ISO string costs more than the rest of an age computation, and in a tenant
// sweep the same few instants (now, the connector's heartbeat) recur for every user: a
// small memo of this pure function pays for itself. Bounded, so it cannot grow.
const parsed = new Map<string, number>();
const MEMO_SIZE = 256;

/**
 * Milliseconds since the epoch of an ISO 8601 instant.
 *
 * @example
 * instantMs("1970-01-01T00:01:00Z"); // 60000
 */
export function instantMs(iso: string): number {
  let ms = parsed.get(iso);
  if (ms === undefined) {
    ms = Date.parse(iso);
    if (parsed.size >= MEMO_SIZE) parsed.clear();
    parsed.set(iso, ms);
  }
  return ms;
}

/**
 * Minutes from `then` to `now` (negative when `then` is in the future); null when `then` is absent.
 *
 * @example
 * minutesSince("2026-11-24T09:30:00Z", "2026-11-24T09:19:00Z"); // 11
 */
export function minutesSince(now: string | number, then: string | undefined): number | null {
  if (then === undefined) return null;
  return ((typeof now === "number" ? now : instantMs(now)) - instantMs(then)) / MINUTE_MS;
}
