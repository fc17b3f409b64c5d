/**
 * The predefined security questions, in English and Latvian. Users pick from these
 * (never free text: a free-text question tends to leak its own answer) and answers
 * are normalized before hashing so "Rīga " and "rīga" are the same answer.
 */

export type SecurityQuestion = { id: string; en: string; lv: string };

export const SECURITY_QUESTIONS: readonly SecurityQuestion[] = [
  { id: "q_first_school", en: "What was the name of your first school?", lv: "Kā sauca jūsu pirmo skolu?" },
  { id: "q_childhood_street", en: "On which street did you live as a child?", lv: "Kurā ielā jūs dzīvojāt bērnībā?" },
  { id: "q_first_pet", en: "What was the name of your first pet?", lv: "Kā sauca jūsu pirmo mājdzīvnieku?" },
  { id: "q_parents_met", en: "In which city did your parents meet?", lv: "Kurā pilsētā satikās jūsu vecāki?" },
  {
    id: "q_first_concert",
    en: "Which band or artist did you see at your first concert?",
    lv: "Kuru grupu vai mākslinieku jūs redzējāt savā pirmajā koncertā?",
  },
  {
    id: "q_favourite_teacher",
    en: "What was the surname of your favourite teacher?",
    lv: "Kāds bija jūsu mīļākā skolotāja uzvārds?",
  },
  { id: "q_first_job", en: "What was your first job?", lv: "Kāds bija jūsu pirmais darbs?" },
  {
    id: "q_grandmother_town",
    en: "In which town was your grandmother born?",
    lv: "Kurā pilsētā dzimusi jūsu vecmāmiņa?",
  },
];

/** Answers shorter than this are too easy to guess. */
export const MIN_ANSWER_LENGTH = 3;

/**
 * Normalize an answer for hashing: Unicode NFKC, case folded, inner whitespace
 * collapsed, ends trimmed. Diacritics are kept: "Rīga" and "Riga" differ.
 * @example normalizeAnswer("  Rīga  Centrs ") // "rīga centrs"
 */
export function normalizeAnswer(answer: string): string {
  return answer.normalize("NFKC").toLocaleLowerCase("und").replace(/\s+/gu, " ").trim();
}
