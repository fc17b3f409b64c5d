/**
 * Assembling the real dependencies: the knowledge base (cached index), the rules
 * (validated against the catalogue and the articles — the service refuses to start
 * on a gap), the diagnoser, delivery and the writeback connector. main.ts, the CLIs
 * and the tests build their Deps here so they cannot drift apart.
 */
import { fileURLToPath } from "node:url";
import type { Clock, Random } from "./clock";
import type { Db } from "./db/client";
import { instanceKey } from "./db/instance";
import type { Deps } from "./deps";
import { devMailbox as createDevMailbox, type DevMailbox } from "./delivery/dev-mailbox";
import { smtpMailer, type Mailer } from "./delivery/mailer";
import { devSms } from "./delivery/sms";
import { ANSWER_KEYS } from "./domain/catalogue";
import { createDiagnoser, type Diagnoser } from "./diagnosis/engine";
import { loadRules } from "./diagnosis/rules";
import { loadKnowledgeBase, missingAnswers, type KnowledgeBase } from "./knowledge/knowledge-base";
import { countFindings, countingDiagnoser } from "./http/metrics";
import { createSimulator } from "./flows/simulate";
import type { Log } from "./log";
import { simulatedConnector } from "./writeback/simulated";
import { directoryRegistry } from "./directory/registry";
import { liveFactsReader } from "./directory/live-facts";

export const CONTENT_DIR = fileURLToPath(new URL("../content", import.meta.url));

/** The knowledge base and the diagnoser built on it; throws (naming the gap) when a key has no article. */
export async function loadDoctor(
  opts: { cacheDir?: string; contentDir?: string } = {},
): Promise<{ kb: KnowledgeBase; diagnoser: Diagnoser }> {
  const kb = await loadKnowledgeBase({ contentDir: opts.contentDir ?? CONTENT_DIR, cacheDir: opts.cacheDir });
  const missing = missingAnswers(kb, ANSWER_KEYS);
  if (missing.length) throw new Error(`content/en has no article answering: ${missing.join(", ")}`);
  const rules = loadRules({ hasArticle: (code) => kb.articlesFor(code).length > 0 });
  const diagnoser = createDiagnoser({ rules, articlesFor: (code) => kb.articlesFor(code) });
  return { kb, diagnoser };
}

/** Memoized per process: tests build many apps over one immutable knowledge base and ruleset. */
let shared: Promise<{ kb: KnowledgeBase; diagnoser: Diagnoser }> | undefined;
export function sharedDoctor(cacheDir?: string) {
  shared ??= loadDoctor({ cacheDir });
  return shared;
}

export type WiringOptions = {
  db: Db;
  clock: Clock;
  random: Random;
  log: Log;
  demo: boolean;
  smtpUrl?: string;
  adminToken?: string;
  cacheDir?: string;
  /** Replace the mailer (tests capture it or point it at an in-process SMTP server). */
  mailer?: Mailer;
  /** SSPR_SECRET_KEY: opens the directory bind secrets (without it, configured directories refuse to write). */
  secretKey?: Buffer;
  http?: Deps["http"];
  /** Simulate snapshots on a worker thread (flows/simulate.ts); absent or false: on the main thread. */
  simulateWorker?: boolean;
};

export async function buildDeps(o: WiringOptions): Promise<Deps> {
  const { kb, diagnoser } = await sharedDoctor(o.cacheDir);
  const devMailbox: DevMailbox | undefined = o.demo || !o.smtpUrl ? createDevMailbox(o.clock) : undefined;
  const mailer =
    o.mailer ??
    (o.smtpUrl ? smtpMailer({ url: o.smtpUrl, from: "SSPR Doctor <no-reply@sspr-doctor.example>" }) : devMailbox!);
  const registry = directoryRegistry({
    db: o.db,
    secretKey: o.secretKey,
    simulated: simulatedConnector(o.db, o.clock),
  });
  return {
    db: o.db,
    clock: o.clock,
    random: o.random,
    log: o.log,
    mailer,
    sms: devSms(devMailbox ?? createDevMailbox(o.clock)),
    devMailbox,
    writeback: { write: (request) => registry.connectorFor(request.tenantId).write(request) },
    directory: { registry, liveFacts: liveFactsReader({ db: o.db, clock: o.clock, registry }), secretKey: o.secretKey },
    diagnoser: o.http?.metrics ? countingDiagnoser(diagnoser, o.http.metrics) : diagnoser,
    ...(o.simulateWorker
      ? {
          simulator: createSimulator({
            diagnoser,
            articlesFor: (code) => kb.articlesFor(code),
            log: o.log,
            onFindings: o.http?.metrics ? (findings) => countFindings(o.http!.metrics!, findings) : undefined,
          }),
        }
      : {}),
    kb,
    instanceKey: instanceKey(o.db, o.random),
    adminToken: o.adminToken,
    demo: o.demo,
    http: o.http,
  };
}
