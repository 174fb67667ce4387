// Small pure helpers the errand pages share: how a number and the phone digits are checked before asking,
// and the translation key of a stage. Whether something is late is
// the server's word (its clock decides deadlines), never the browser's clock.

/** The number as the server stores it (upper case, no spaces), or '' when nothing usable was typed. */
export function normalizeNumber(text) {
  return String(text ?? '').replace(/\s+/g, '').toUpperCase();
}

/** True when text is exactly the last four digits of a phone number. */
export function validDigits(text) {
  return /^[0-9]{4}$/.test(String(text ?? ''));
}

/** The translation key of a stage, in transit naming where it is going. */
export function stageKey(answer) {
  return answer.inTransit ? `errand.transit.${answer.transitTo}` : `errand.stage.${answer.stage}`;
}
