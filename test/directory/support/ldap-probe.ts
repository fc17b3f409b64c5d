/**
 * Looking at a test directory from outside the code under test: does a password bind,
 * lock an account with bad binds, read an attribute as the directory's root.
 */
import { Client, type Control } from "ldapts";

export async function canBind(
  url: string,
  dn: string,
  password: string,
  tlsOptions?: Record<string, unknown>,
): Promise<boolean> {
  const c = new Client({ url, timeout: 5_000, connectTimeout: 5_000, ...(tlsOptions ? { tlsOptions } : {}) });
  try {
    await c.bind(dn, password);
    return true;
  } catch (e) {
    if ((e as { code?: unknown }).code === 49) return false;
    throw e;
  } finally {
    await c.unbind().catch(() => undefined);
  }
}

/** Fail `times` binds with a wrong password (the directory's lockout counts them). */
export async function failBinds(
  url: string,
  dn: string,
  times: number,
  tlsOptions?: Record<string, unknown>,
): Promise<void> {
  for (let i = 0; i < times; i++) await canBind(url, dn, `wrong-${i}-password`, tlsOptions);
}

export async function readAttributes(
  url: string,
  as: { dn: string; password: string },
  dn: string,
  attributes: string[],
  tlsOptions?: Record<string, unknown>,
) {
  const c = new Client({ url, timeout: 5_000, ...(tlsOptions ? { tlsOptions } : {}) });
  try {
    await c.bind(as.dn, as.password);
    const { searchEntries } = await c.search(dn, { scope: "base", attributes });
    return searchEntries[0] ?? {};
  } finally {
    await c.unbind().catch(() => undefined);
  }
}

/** The error a bind throws (undefined when it succeeds), with optional request controls. */
export async function bindError(
  url: string,
  dn: string,
  password: string,
  tlsOptions?: Record<string, unknown>,
  control?: Control,
): Promise<unknown> {
  const c = new Client({ url, timeout: 5_000, ...(tlsOptions ? { tlsOptions } : {}) });
  try {
    await c.bind(dn, password, control);
    return undefined;
  } catch (e) {
    return e;
  } finally {
    await c.unbind().catch(() => undefined);
  }
}
