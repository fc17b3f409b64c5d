/**
 * The English string catalogue of the pages. One object per locale, grouped by page;
 * lv.ts must have exactly the same shape (the type checker holds it to that).
 */
export const en = {
  common: {
    product: "SSPR Doctor",
    tagline: "Self-service password reset that tells you why",
    navReset: "Reset password",
    navRegister: "Security info",
    navKb: "Help articles",
    navAdmin: "Admin",
    language: "Latviešu",
    languageHref: "lv",
    demoMailbox: "Demo mailbox: codes sent to demo users land here",
    referenceId: "Reference id",
    referenceHint: "Give this id to your helpdesk: it lets them see exactly what happened.",
    readMore: "Read more",
    whatNow: "What you can do",
    back: "Back",
    continue: "Continue",
    startOver: "Start over",
    error: "Something went wrong",
    skip: "Skip to content",
  },
  reset: {
    title: "Reset your password",
    intro: "Forgot your password, or locked out? Prove it is you with the security info you registered, then choose a new password.",
    login: "Sign-in name",
    loginHint: "Your work account, e.g. name@contoso.example",
    unlockOnly: "I only want to unlock my account (keep my password)",
    start: "Next",
    chooseMethod: "How do you want to prove it is you?",
    methodsHint: "Only methods your organization allows are listed. You will type the full address or number you registered.",
    remaining: (n: number) => (n === 1 ? "One more method is needed." : `${n} more methods are needed.`),
    method: {
      email: "Email me a code",
      mobile_sms: "Text me a code",
      mobile_voice: "Call my mobile phone",
      office_phone: "Call my office phone",
      authenticator_notification: "Approve in my authenticator app",
      authenticator_code: "Enter a code from my authenticator app",
      security_questions: "Answer my security questions",
    } as Record<string, string>,
    contactEmail: "Your registered email address",
    contactPhone: "Your registered phone number (with country code, e.g. +371 2000 0000)",
    sendCode: "Send code",
    codeSent: (seconds: number) => `If that matches what you registered, a code is on its way. It is valid for ${Math.round(seconds / 60)} minutes.`,
    enterCode: "Code",
    enterAppCode: "The 6-digit code your authenticator app shows",
    verify: "Verify",
    answerQuestions: "Answer your security questions",
    answerHint: "Answers are not case-sensitive.",
    newPassword: "New password",
    confirmPassword: "Type it again",
    passwordsDiffer: "The two passwords differ.",
    hints: {
      length: "8 to 256 characters",
      notCommon: "Not a common password, and not your name or the organization's name",
      notReused: "Not one of your last 24 passwords",
    },
    setPassword: "Set password",
    unlock: "Unlock my account",
    doneTitle: "Done",
    donePassword: "Your password has been changed. Sign in with the new one.",
    doneWriteback: "It has also been written to your organization's on-premises directory.",
    doneUnlocked: "Your account is unlocked.",
    failedTitle: "That did not work",
  },
  // ---- /kb (knowledge base pages)
  kb: {
    title: "Help articles",
  },
  // ---- /admin (staff pages)
  admin: {
    title: "Admin",
  },
  // ---- /register (security info)
  register: {
    title: "Security info",
  },
} as const;

type Widen<T> = T extends (...args: infer A) => infer R ? (...args: A) => R : T extends string ? string : T extends object ? { [K in keyof T]: Widen<T[K]> } : T;
export type Messages = Widen<typeof en>;
