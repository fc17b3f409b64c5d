import { ipKey, loginKey } from "../../../src/domain/throttle";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../../src/db/seed/demo-tenant";
import { AppError } from "../../../src/errors";
import { lookupSession, MAX_FAILED_SIGN_INS_PER_IP, signIn, signOut } from "../../../src/flows/session";
import { testApp } from "../../support/test-deps";

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

describe("signIn", () => {
  it("returns a 256-bit token whose session lookupSession finds", async () => {
    const t = await testApp({ seed: true });
    const { token, session } = await signIn(
      t.deps,
      { login: "alex.healthy@contoso.example", password: DEMO_PASSWORD },
      { locale: "en" },
    );
    expect(Buffer.from(token.slice("sspr_".length), "base64url")).toHaveLength(32);
    expect(lookupSession(t.deps, token)).toEqual(session);
  });

  it("throttles one IP spraying many accounts, and only that IP", async () => {
    const t = await testApp({ seed: true });
    const logins = (t.db.$client.prepare("SELECT upn FROM users ORDER BY upn").pluck().all() as string[]).slice(0, 10);
    const ip = "203.0.113.7";
    // All but the last failure of the spray recorded as sign-in records them (cheaper than 49 scrypt checks).
    const earlier = t.db.$client.prepare("INSERT INTO throttle_events (kind, subject, at) VALUES ('sign_in_ip', ?, ?)");
    for (let i = 0; i < MAX_FAILED_SIGN_INS_PER_IP - 2; i++) earlier.run(ipKey(ip), t.clock.now().toISOString());
    for (let i = 0; i < 2; i++) {
      expect(
        await refusal(
          signIn(t.deps, { login: logins[i % logins.length]!, password: `Spray-${i}` }, { ip, locale: "en" }),
        ),
      ).toBe("invalid_credentials");
    }
    const victim = { login: "alex.healthy@contoso.example", password: DEMO_PASSWORD };
    expect(await refusal(signIn(t.deps, victim, { ip, locale: "en" }))).toBe("too_many_sign_in_attempts");
    expect(await refusal(signIn(t.deps, victim, { ip: "198.51.100.1", locale: "en" }))).toBeUndefined();
  });

  it("forgets failures after a successful sign-in", async () => {
    const t = await testApp({ seed: true });
    const login = "alex.healthy@contoso.example";
    // Failures recorded as sign-in records them (cheaper than scrypt checks): nine before, eight after the success.
    const fail = (n: number) => {
      const row = t.db.$client.prepare(
        "INSERT INTO throttle_events (kind, subject, at) VALUES ('sign_in_account', ?, ?)",
      );
      for (let i = 0; i < n; i++) row.run(loginKey(login), t.clock.now().toISOString());
    };
    fail(9);
    await signIn(t.deps, { login, password: DEMO_PASSWORD }, { locale: "en" });
    fail(8);
    // 17 failures in the window, but only 8 since the success: this one is checked, not throttled.
    expect(await refusal(signIn(t.deps, { login, password: "Wrong-9" }, { locale: "en" }))).toBe("invalid_credentials");
  });
});

describe("lookupSession", () => {
  it("finds nothing for no token, a made-up token, or a revoked session", async () => {
    const t = await testApp({ seed: true });
    const { token, session } = await signIn(
      t.deps,
      { login: "alex.healthy@contoso.example", password: DEMO_PASSWORD },
      { locale: "en" },
    );
    expect(lookupSession(t.deps, undefined)).toBeUndefined();
    expect(lookupSession(t.deps, "sspr_made-up")).toBeUndefined();
    signOut(t.deps, session, { locale: "en" });
    expect(lookupSession(t.deps, token)).toBeUndefined();
  });
});
