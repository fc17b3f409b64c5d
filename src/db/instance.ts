/**
 * Per-installation secrets, generated at first use and kept in the database: today the
 * key that derives stable decoys (security questions shown for unknown logins), so
 * they look like a real user's and survive restarts.
 */
import type { Random } from "../clock";
import type { Db } from "./client";
import { instanceSettings } from "./schema";

export function instanceKey(db: Db, random: Random): Buffer {
  db.insert(instanceSettings)
    .values({ key: "decoy_key", value: random.bytes(32).toString("base64") })
    .onConflictDoNothing()
    .run();
  const row = db.$client.prepare("SELECT value FROM instance_settings WHERE key = 'decoy_key'").get() as {
    value: string;
  };
  return Buffer.from(row.value, "base64");
}
