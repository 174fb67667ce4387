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

/**
 * The body of POST /api/errands from the filing form's values: a point errand names its service point, a phone
 * errand its grid; empty optional fields are left out, and the reason travels only with an urgent errand.
 */
export function filingBody({ item, channel, place, name, phone, household, note, urgent, reason }) {
  const body = { item, channel, resident: { name: String(name ?? '').trim(), phone: String(phone ?? '').trim() } };
  const where = String(place ?? '').trim();
  if (channel === 'phone') body.grid = where;
  else body.point = where;
  const hh = String(household ?? '').trim();
  if (hh) body.resident.household_id = /^[0-9]+$/.test(hh) ? Number(hh) : hh;
  const text = String(note ?? '').trim();
  if (text) body.note = text;
  if (urgent) {
    body.urgent = true;
    body.urgent_reason = String(reason ?? '').trim();
  }
  return body;
}

/** The step a holder takes next once the department has it: result ready, returned, closed (with a rating). */
export function nextStep(errand) {
  if (errand.inTransit) return null;
  return { department: 'result_ready', result_ready: 'returned', returned: 'closed' }[errand.stage] ?? null;
}
