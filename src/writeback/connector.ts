/**
 * The on-premises writeback connector: how a new password (or an unlock) reaches the
 * directory that masters a synced account. A failure names the catalogue code that
 * explains it, so the flow can roll back and the diagnosis can say why. Real directories
 * (src/directory/) also hand back the directory's own answer as evidence.
 */
import type { FindingCode } from "../domain/catalogue";

export type WritebackRequest = {
  tenantId: string;
  userId: string;
  upn: string;
  /** The new password in the clear: the directory hashes it itself. Never logged. */
  newPassword?: string;
  /** With a new password: reset and unlock in one directory operation where it has one (AD). */
  unlock: boolean;
};

/**
 * Catalogue v2 codes (CATALOGUE.md "Version 2") a real directory produces that
 * src/domain/catalogue.ts may not list yet: plain strings until it does.
 */
export type CatalogueV2Code =
  "onprem_account_not_found" | "onprem_account_ambiguous" | "onprem_account_disabled" | "writeback_unknown_error";
export type WritebackFailureCode = FindingCode | CatalogueV2Code;

export type WritebackResult =
  { ok: true } | { ok: false; code: WritebackFailureCode; detail: string; evidence?: Record<string, unknown> };

export type WritebackConnector = {
  write(request: WritebackRequest): Promise<WritebackResult>;
};

/** The connector that serves one tenant (its real directory, or the simulated one). */
export type ConnectorResolver = (tenantId: string) => WritebackConnector;
