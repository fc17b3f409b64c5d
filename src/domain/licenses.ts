/**
 * A user's Entra ID licence level, lowest first (CONTRACT §1 `user.license`). A leaf of its
 * own: the schema, the snapshot and the unknown-fact table all read it, and the snapshot
 * module sits in an import cycle with the latter.
 */
export const LICENSES = ["none", "free", "basic", "p1", "p2"] as const;
export type License = (typeof LICENSES)[number];
