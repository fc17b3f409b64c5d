/**
 * Configuration from the environment (CONTRACT §5), parsed once with zod. Only
 * main.ts and the CLIs call this; everything else receives a Config.
 */
import { z } from "zod";
import { secretKeyFrom } from "./directory/secret-box";

const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  SSPR_DB: z.string().min(1).default("./data/sspr.db"),
  SSPR_ADMIN_TOKEN: z.string().min(16, "SSPR_ADMIN_TOKEN must be at least 16 characters").optional(),
  SMTP_URL: z.url().optional(),
  SSPR_DEMO: flag.optional(),
  SSPR_CACHE_DIR: z.string().min(1).default("./.cache"),
  SSPR_SECRET_KEY: z.string().min(1).optional(),
  SSPR_TRUST_PROXY: z.string().optional(),
  SSPR_RATE_LIMITS: z.string().optional(),
  SSPR_METRICS_TOKEN: z.string().min(16, "SSPR_METRICS_TOKEN must be at least 16 characters").optional(),
  SSPR_WATCH_INTERVAL_MINUTES: z.coerce
    .number()
    .min(0)
    .max(24 * 60)
    .default(15),
  SSPR_ALERT_WEBHOOK_URL: z.url().optional(),
  SSPR_ALERT_WEBHOOK_SECRET: z.string().min(16, "SSPR_ALERT_WEBHOOK_SECRET must be at least 16 characters").optional(),
  SSPR_PUBLIC_URL: z.url().optional(),
  SSPR_SIMULATE_WORKER: flag.optional(),
});

export type Config = {
  port: number;
  host: string;
  dbPath: string;
  adminToken?: string;
  smtpUrl?: string;
  /** undefined = decide by whether the database is new. */
  demo?: boolean;
  cacheDir: string;
  /** Opens the directory bind secrets stored sealed (32 bytes, hex or base64). */
  secretKey?: Buffer;
  /** Comma-separated addresses/CIDRs of proxies whose X-Forwarded-For we believe. */
  trustProxy?: string;
  rateLimits?: string;
  metricsToken?: string;
  /** Minutes between self-watch sweeps; 0 turns the watch off. */
  watchIntervalMinutes: number;
  alertWebhookUrl?: string;
  alertWebhookSecret?: string;
  /** How people reach this service (links in alert mail). */
  publicUrl?: string;
  /** Simulate snapshots on a worker thread; undefined = when there is a second core. */
  simulateWorker?: boolean;
};

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dbPath: e.SSPR_DB,
    adminToken: e.SSPR_ADMIN_TOKEN,
    smtpUrl: e.SMTP_URL,
    demo: e.SSPR_DEMO,
    cacheDir: e.SSPR_CACHE_DIR,
    ...(e.SSPR_SECRET_KEY ? { secretKey: secretKeyFrom(e.SSPR_SECRET_KEY) } : {}),
    trustProxy: e.SSPR_TRUST_PROXY,
    rateLimits: e.SSPR_RATE_LIMITS,
    metricsToken: e.SSPR_METRICS_TOKEN,
    watchIntervalMinutes: e.SSPR_WATCH_INTERVAL_MINUTES,
    alertWebhookUrl: e.SSPR_ALERT_WEBHOOK_URL,
    alertWebhookSecret: e.SSPR_ALERT_WEBHOOK_SECRET,
    publicUrl: e.SSPR_PUBLIC_URL,
    simulateWorker: e.SSPR_SIMULATE_WORKER,
  };
}
