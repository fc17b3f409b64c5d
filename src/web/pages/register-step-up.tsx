/**
 * The /register page's step-up (issue 11.9): when a change needs the person to prove an
 * existing method first, the page lists those methods (masked) to send a code to, then
 * asks for the code; once it is right, changes are allowed for a few minutes. The words
 * are here in English and Latvian; the rules are flows/step-up.ts.
 */
import type { MethodView } from "../../flows/registration";
import type { StepUpStarted } from "../../flows/step-up";
import type { Locale } from "../i18n/messages";

const TEXT = {
  en: {
    title: "First, confirm it is you",
    intro: "To change your security info, prove one of the methods you already have.",
    sendTo: (to: string) => `Send a code to ${to}`,
    useApp: "Use my authenticator app",
    codeSent: (to: string) => `We sent a code to ${to}. Type it below.`,
    appCode: "The 6-digit code your authenticator app shows",
    code: "Code",
    confirm: "Confirm",
    done: "Thank you. You can change your security info for the next 10 minutes.",
  },
  lv: {
    title: "Vispirms apstipriniet, ka tas esat jūs",
    intro: "Lai mainītu drošības informāciju, apstipriniet kādu no jau reģistrētajām metodēm.",
    sendTo: (to: string) => `Sūtīt kodu uz ${to}`,
    useApp: "Izmantot autentifikatora lietotni",
    codeSent: (to: string) => `Nosūtījām kodu uz ${to}. Ierakstiet to zemāk.`,
    appCode: "Sešciparu kods, ko rāda autentifikatora lietotne",
    code: "Kods",
    confirm: "Apstiprināt",
    done: "Paldies. Nākamās 10 minūtes varat mainīt savu drošības informāciju.",
  },
} as const;

/** The methods to prove with, each a button that asks for a code. */
export function StepUpChoice(p: { locale: Locale; csrf: string; methods: MethodView[] }) {
  const t = TEXT[p.locale];
  return (
    <section data-testid="step-up">
      <h2>{t.title}</h2>
      <p>{t.intro}</p>
      {p.methods.map((m) => (
        <form method="post" action="/register/step-up" class="inline">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <input type="hidden" name="methodId" value={m.id} />
          <button type="submit">{m.value ? t.sendTo(m.value) : t.useApp}</button>
        </form>
      ))}
    </section>
  );
}

/** The code form after a step-up code was sent (or for the app). */
export function StepUpCode(p: { locale: Locale; csrf: string; started: StepUpStarted }) {
  const t = TEXT[p.locale];
  return (
    <form method="post" action="/register/step-up/verify" data-testid="step-up-code">
      <input type="hidden" name="_csrf" value={p.csrf} />
      <input type="hidden" name="methodId" value={p.started.method.id} />
      <p class="notice">{p.started.codeSent ? t.codeSent(p.started.codeSent.to) : t.appCode}</p>
      <label for="step-up-code">{t.code}</label>
      <input id="step-up-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required />
      <button type="submit">{t.confirm}</button>
    </form>
  );
}

export const steppedUpText = (locale: Locale) => TEXT[locale].done;
