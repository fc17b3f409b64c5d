/**
 * How the live client reaches Microsoft: the app registration (client credentials: a secret,
 * or a certificate's thumbprint and private key) and the two base URLs, configurable so tests
 * (and national clouds) point them elsewhere. Parsed from the environment with zod by the CLI.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { ImportError } from "../import-error";

const Env = z
  .object({
    GRAPH_TENANT_ID: z.string().min(1, "GRAPH_TENANT_ID is required for --live"),
    GRAPH_CLIENT_ID: z.string().min(1, "GRAPH_CLIENT_ID is required for --live"),
    GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
    /** SHA-256 thumbprint (hex) of the certificate registered on the app. */
    GRAPH_CERT_THUMBPRINT: z
      .string()
      .regex(/^[0-9a-fA-F]{40,64}$/, "expected a hex thumbprint")
      .optional(),
    /** Path of the PEM private key of that certificate. */
    GRAPH_CERT_KEY_FILE: z.string().min(1).optional(),
    GRAPH_AUTHORITY_HOST: z.url().default("https://login.microsoftonline.com"),
    GRAPH_BASE_URL: z.url().default("https://graph.microsoft.com/v1.0"),
  })
  .refine((e) => e.GRAPH_CLIENT_SECRET || (e.GRAPH_CERT_THUMBPRINT && e.GRAPH_CERT_KEY_FILE), {
    message: "set GRAPH_CLIENT_SECRET, or GRAPH_CERT_THUMBPRINT and GRAPH_CERT_KEY_FILE",
  });

export type GraphConfig = {
  tenantId: string;
  clientId: string;
  credential: { secret: string } | { thumbprintSha256: string; privateKey: string };
  authorityHost: string;
  baseUrl: string;
};

export function graphConfig(env: NodeJS.ProcessEnv): GraphConfig {
  const r = Env.safeParse(env);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ImportError({ file: "environment", field: issue.path.join(".") || undefined }, issue.message);
  }
  const e = r.data;
  return {
    tenantId: e.GRAPH_TENANT_ID,
    clientId: e.GRAPH_CLIENT_ID,
    credential: e.GRAPH_CLIENT_SECRET
      ? { secret: e.GRAPH_CLIENT_SECRET }
      : { thumbprintSha256: e.GRAPH_CERT_THUMBPRINT!, privateKey: readFileSync(e.GRAPH_CERT_KEY_FILE!, "utf8") },
    authorityHost: e.GRAPH_AUTHORITY_HOST.replace(/\/$/, ""),
    baseUrl: e.GRAPH_BASE_URL.replace(/\/$/, ""),
  };
}
