/**
 * Fact paths: how a condition's `path` reads into an object fact (`throttle` →
 * `codesSentLastHour`). Plain dotted property access, never JSONPath: it is what
 * json-rules-engine gets as its `pathResolver`, what the compiled path and templates use,
 * and each path is split once, since the paths come from a few validated rule files.
 */

/**
 * Reads a dotted path of plain properties; undefined past a non-object.
 *
 * @example
 * resolvePath({ a: { b: 2 } }, "a.b"); // 2
 */
export function resolvePath(value: unknown, path: string): unknown {
  return pathReader(path)(value);
}

const readers = new Map<string, (value: unknown) => unknown>();

/**
 * A reader for one path, split once (paths come from validated rule files, so few).
 *
 * @example
 * pathReader("limits.MAX_CODES_PER_HOUR")({ limits: { MAX_CODES_PER_HOUR: 5 } }); // 5
 */
export function pathReader(path: string): (value: unknown) => unknown {
  let reader = readers.get(path);
  if (reader === undefined) {
    const keys = path.split(".");
    const [only] = keys;
    reader =
      keys.length === 1
        ? (value) =>
            value !== null && typeof value === "object" ? (value as Record<string, unknown>)[only!] : undefined
        : (value) => {
            let current = value;
            for (const key of keys) {
              if (current === null || typeof current !== "object") return undefined;
              current = (current as Record<string, unknown>)[key];
            }
            return current;
          };
    readers.set(path, reader);
  }
  return reader;
}
