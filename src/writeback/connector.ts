/**
 * The on-premises writeback connector: how a new password (or an unlock) reaches the
 * directory that masters a synced account. A failure names the catalogue code that
 * explains it, so the flow can roll back and the diagnosis can say why.
 */
import type { FindingCode } from "../domain/catalogue";

export type WritebackRequest = {
  tenantId: string;
  userId: string;
  upn: string;
  /** The new password in the clear: the directory hashes it itself. Never logged. */
  newPassword?: string;
  unlock: boolean;
};

export type WritebackResult = { ok: true } | { ok: false; code: FindingCode; detail: string };

export type WritebackConnector = {
  write(request: WritebackRequest): Promise<WritebackResult>;
};
