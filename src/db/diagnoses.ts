/**
 * Stored diagnoses: every diagnosis handed out is kept under its reference id, so a
 * person can quote it and support can open the whole thing later.
 */
import { eq } from "drizzle-orm";
import type { Diagnosis } from "../domain/diagnosis";
import type { Store } from "./client";
import { diagnoses } from "./schema";

export function storeDiagnosis(
  db: Store,
  at: Date,
  d: Diagnosis,
  owner: { tenantId?: string | null; userId?: string | null },
): void {
  db.insert(diagnoses)
    .values({
      id: d.id,
      tenantId: owner.tenantId ?? null,
      userId: owner.userId ?? null,
      createdAt: at.toISOString(),
      verdict: d.verdict,
      primaryCode: d.primary,
      body: d,
    })
    .onConflictDoNothing()
    .run();
}

export function loadDiagnosis(
  db: Store,
  id: string,
): { diagnosis: Diagnosis; userId: string | null; tenantId: string | null; createdAt: string } | undefined {
  const row = db.select().from(diagnoses).where(eq(diagnoses.id, id)).get();
  return (
    row && { diagnosis: row.body as Diagnosis, userId: row.userId, tenantId: row.tenantId, createdAt: row.createdAt }
  );
}
