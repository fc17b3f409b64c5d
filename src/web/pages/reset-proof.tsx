/**
 * The reset page's proof-of-work step: when the API asks for one (after a few code
 * requests in a flow, docs/decisions/007), the page answers with a form that carries the
 * request and the puzzle; /static/reset.js solves it in the browser (SHA-256, same
 * origin, no third party) and submits it again. Without scripts the person is told why.
 */
import type { Locale } from "../../http/request-context";

const TEXT = {
  en: {
    title: "One moment…",
    working:
      "Several codes were asked for already, so your browser is solving a short puzzle before another is sent. This takes a few seconds.",
    noScript: "This step needs JavaScript. Turn it on, or wait an hour and try again.",
  },
  lv: {
    title: "Mirkli…",
    working:
      "Jau tika pieprasīti vairāki kodi, tāpēc pirms nākamā jūsu pārlūks atrisina īsu uzdevumu. Tas aizņem dažas sekundes.",
    noScript: "Šim solim vajag JavaScript. Ieslēdziet to vai mēģiniet vēlreiz pēc stundas.",
  },
} as const;

export function ProofOfWorkStep(p: {
  locale: Locale;
  csrf: string;
  flowId: string;
  unlockOnly: boolean;
  method: string;
  contact: string;
  challenge: string;
  difficulty: number;
}) {
  const t = TEXT[p.locale];
  return (
    <>
      <h1>{t.title}</h1>
      <form
        method="post"
        action="/reset/challenge"
        id="proof-of-work"
        data-challenge={p.challenge}
        data-difficulty={String(p.difficulty)}
      >
        <input type="hidden" name="_csrf" value={p.csrf} />
        <input type="hidden" name="flowId" value={p.flowId} />
        {p.unlockOnly ? <input type="hidden" name="unlockOnly" value="1" /> : null}
        <input type="hidden" name="method" value={p.method} />
        <input type="hidden" name="contact" value={p.contact} />
        <input type="hidden" name="proofChallenge" value={p.challenge} />
        <input type="hidden" name="proofNonce" value="" />
        <p class="notice" role="status">
          {t.working}
        </p>
        <noscript>
          <p>{t.noScript}</p>
        </noscript>
      </form>
    </>
  );
}
export const proofOfWorkTitle = (locale: Locale): string => TEXT[locale].title;
