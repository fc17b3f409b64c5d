/**
 * One value per object, computed the first time it is asked for and held weakly, so the
 * object takes its value with it. For what is derived from objects that are replaced,
 * never changed in place: a policy's lists, a database's prepared statements, a
 * ruleset's compiled reads.
 */

/**
 * `compute`, remembered per key object.
 *
 * @example
 * const selectedSet = memoByIdentity((groups: readonly string[]) => new Set(groups));
 * selectedSet(policy.selectedGroups) === selectedSet(policy.selectedGroups); // true
 */
export function memoByIdentity<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const memo = new WeakMap<K, V>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) memo.set(key, (value = compute(key)));
    return value;
  };
}
