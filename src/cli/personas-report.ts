/**
 * The demo personas as markdown (the README's tables come from here): for each persona
 * what to type at /reset and /register — the registered addresses and numbers, whether
 * they answer security questions or use the authenticator key — and what a diagnosis of
 * their freshly seeded state actually says (its verdict and codes, computed here, not
 * copied), so a newcomer knows whom to try and what they will see.
 */
import { systemClock } from "../clock";
import { openDb } from "../db/client";
import { seedDemo } from "../db/seed/seed";
import { snapshotForUser } from "../db/snapshots";
import {
  DEMO_ANSWERS,
  DEMO_PASSWORD,
  DEMO_PERSONAS,
  DEMO_TENANTS,
  DEMO_TOTP_SECRET,
  DEMO_UNKNOWN_LOGIN,
  type MethodSpec,
} from "../db/seed/demo-tenant";
import { SECURITY_QUESTIONS } from "../domain/security-questions";
import { loadDoctor } from "../wiring";

const VERDICT = { can_reset: "can reset", at_risk: "at risk", blocked: "blocked" } as const;

/** What a person types for one registered method. */
function toType(m: MethodSpec): string {
  const unverified = m.verified === false ? " (unverified)" : "";
  if (m.type === "security_questions") return `security answers (${m.questionsAnswered ?? 3})`;
  if (m.type === "authenticator_code" || m.type === "authenticator_notification") return "authenticator key";
  return `${m.type === "email" ? "email" : m.type === "office_phone" ? "office phone" : "phone"} \`${m.value}\`${unverified}`;
}

/**
 * @example await personasReport() // "Every persona's password: `Harbour-Lantern-42` …"
 */
export async function personasReport(opts: { cacheDir?: string } = {}): Promise<string> {
  const { db, close } = openDb(":memory:");
  try {
    await seedDemo(db, systemClock);
    const { diagnoser } = await loadDoctor({ cacheDir: opts.cacheDir ?? ".cache/kb" });
    const now = systemClock.now();
    const rows = [
      "| login | what to type | what is wrong | a diagnosis says |",
      "| --- | --- | --- | --- |",
      `| \`${DEMO_UNKNOWN_LOGIN}\` | anything | no such account | to the person: the same answers as for a real login |`,
    ];
    for (const p of DEMO_PERSONAS) {
      const loaded = snapshotForUser(db, now, p.login);
      if (!loaded) throw new Error(`persona ${p.login} was not seeded`);
      const d = await diagnoser.diagnose(loaded.snapshot);
      const codes = d.findings.map((f) => (f.code === d.primary ? `**\`${f.code}\`**` : `\`${f.code}\``));
      const type = (p.methods ?? []).map(toType).join("; ") || "nothing registered";
      rows.push(`| \`${p.login}\` | ${type} | ${p.problem} | ${[VERDICT[d.verdict], ...codes].join(", ")} |`);
    }
    const tenants = [
      "| tenant | what is special |",
      "| --- | --- |",
      ...DEMO_TENANTS.map((t) => `| \`${t.domain}\` | ${t.problem} |`),
    ];
    const answers = [
      "| security question | answer |",
      "| --- | --- |",
      ...DEMO_ANSWERS.map((a, i) => `| ${SECURITY_QUESTIONS[i]!.en} | \`${a}\` |`),
    ];
    return [
      `Every persona's password: \`${DEMO_PASSWORD}\``,
      `Authenticator key (add it to any authenticator app): \`${DEMO_TOTP_SECRET}\``,
      `Security answers — every persona with questions registered answered the first ones of these, in this order:`,
      answers.join("\n"),
      tenants.join("\n"),
      rows.join("\n"),
    ].join("\n\n");
  } finally {
    close();
  }
}
