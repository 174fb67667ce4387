// The errands mode's forms: filing an errand for a resident at a service point (or taken by phone, 电话代办) with
// the item from the one-stop center's catalogue, and the resident's rating (1–5) and comment that close it.

import { language, t } from './i18n.js';
import { element as el } from './dom.js';
import { filingBody } from './errand-format.js';

function field(labelKey, control, attrs = {}) {
  return el('label', { class: 'field', ...attrs }, el('span', {}, t(labelKey)), control);
}

function itemName(item) {
  return language() === 'en' && item.nameEn ? item.nameEn : item.name;
}

/**
 * The filing form. catalogue: GET /api/errands/catalogue; onSend(body) files it; place: a service point's code to
 * start with (a point tapped on the map). Returns {form, setPlace(code)}.
 */
export function filingForm(catalogue, { onSend, onCancel, place = '' }) {
  const windows = new Map((catalogue.windows ?? []).map((w) => [w.code, w]));
  const groups = new Map();
  for (const item of catalogue.items ?? []) {
    if (!groups.has(item.window)) groups.set(item.window, []);
    groups.get(item.window).push(item);
  }
  const item = el('select', { name: 'item', 'data-testid': 'errand-file-item', required: true },
    ...[...groups].map(([code, items]) => {
      const w = windows.get(code);
      return el('optgroup', { label: w ? (language() === 'en' && w.nameEn ? w.nameEn : w.name) : code },
        ...items.map((i) => el('option', { value: i.code }, `${itemName(i)} · ${i.processingDays}${t('errands.file.days')}`)));
    }));
  const channel = el('select', { name: 'channel', 'data-testid': 'errand-file-channel' },
    el('option', { value: 'point' }, t('errands.file.channel.point')),
    el('option', { value: 'phone' }, t('errands.file.channel.phone')));
  const placeInput = el('input', { name: 'place', 'data-testid': 'errand-file-place', autocomplete: 'off', spellcheck: 'false',
    autocapitalize: 'characters', value: place });
  const placeLabel = el('span', {}, t('errands.file.point'));
  const name = el('input', { name: 'name', 'data-testid': 'errand-file-name', autocomplete: 'off', required: true });
  const phone = el('input', { name: 'phone', type: 'tel', inputmode: 'tel', 'data-testid': 'errand-file-phone', autocomplete: 'off', required: true });
  const household = el('input', { name: 'household', inputmode: 'numeric', 'data-testid': 'errand-file-household', autocomplete: 'off' });
  const note = el('textarea', { name: 'note', rows: '2', 'data-testid': 'errand-file-note' });
  const urgent = el('input', { type: 'checkbox', name: 'urgent', 'data-testid': 'errand-file-urgent' });
  const reason = el('input', { name: 'reason', 'data-testid': 'errand-file-reason', autocomplete: 'off' });
  const reasonField = field('errands.file.reason', reason, { hidden: true });
  urgent.addEventListener('change', () => { reasonField.hidden = !urgent.checked; });
  channel.addEventListener('change', () => {
    placeLabel.textContent = t(channel.value === 'phone' ? 'errands.file.grid' : 'errands.file.point');
  });
  const documents = el('p', { class: 'hint', 'data-testid': 'errand-file-documents' });
  const showDocuments = () => {
    const chosen = (catalogue.items ?? []).find((i) => i.code === item.value);
    documents.textContent = chosen?.documents?.length ? `${t('errands.file.documents')}${chosen.documents.join('、')}` : '';
  };
  item.addEventListener('change', showDocuments);
  showDocuments();
  const cancel = el('button', { type: 'button', class: 'text-button' }, t('errands.cancel'));
  cancel.addEventListener('click', onCancel);
  const form = el('form', { class: 'errand-file-form', 'data-testid': 'errand-file-form', novalidate: true },
    field('errands.file.item', item), documents,
    field('errands.file.channel', channel),
    el('label', { class: 'field' }, placeLabel, placeInput),
    el('p', { class: 'hint' }, t('errands.file.pointHint')),
    field('errands.file.name', name), field('errands.file.phone', phone), field('errands.file.household', household),
    field('errands.file.note', note),
    el('label', { class: 'check' }, urgent, el('span', {}, t('errands.file.urgent'))), reasonField,
    el('div', { class: 'errand-actions' },
      el('button', { type: 'submit', class: 'action-button primary', 'data-testid': 'errand-file-submit' }, t('errands.file.submit')),
      cancel));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSend(filingBody({ item: item.value, channel: channel.value, place: placeInput.value, name: name.value, phone: phone.value,
      household: household.value, note: note.value, urgent: urgent.checked, reason: reason.value }));
  });
  return {
    form,
    setPlace(code) {
      channel.value = 'point';
      placeLabel.textContent = t('errands.file.point');
      placeInput.value = code;
    },
  };
}

/** What the staff member sees once filed: the number and the four-part form to print. */
export function filedNotice(errand) {
  return el('div', { class: 'errand-filed', 'data-testid': 'errand-filed', 'data-number': errand.number },
    el('div', {}, t('errands.file.done')),
    el('strong', { 'data-testid': 'errand-filed-number' }, errand.number),
    el('a', { href: `/api/errands/${encodeURIComponent(errand.number)}/form`, target: '_blank', rel: 'noopener',
      class: 'action-button primary', 'data-testid': 'errand-filed-form' }, t('errands.printForm')));
}

/** The closing form under a card: the resident's rating (1–5, as five buttons) and comment. */
export function closingForm(onSend, onCancel) {
  let rating = 0;
  const stars = [1, 2, 3, 4, 5].map((n) => {
    const b = el('button', { type: 'button', class: 'rating-button', 'data-testid': 'errand-rating', 'data-value': String(n),
      'aria-pressed': 'false', 'aria-label': `${n}` }, String(n));
    b.addEventListener('click', () => {
      rating = n;
      for (const s of stars) s.setAttribute('aria-pressed', String(Number(s.dataset.value) <= n));
    });
    return b;
  });
  const comment = el('input', { name: 'comment', 'data-testid': 'errand-comment', autocomplete: 'off' });
  const cancel = el('button', { type: 'button', class: 'text-button' }, t('errands.cancel'));
  cancel.addEventListener('click', onCancel);
  const form = el('form', { class: 'errand-handoff-form', 'data-testid': 'errand-close-form', novalidate: true },
    el('div', { class: 'field' }, el('span', {}, t('errands.close.rating')), el('div', { class: 'rating' }, ...stars)),
    field('errands.close.comment', comment),
    el('div', { class: 'errand-actions' },
      el('button', { type: 'submit', class: 'action-button primary', 'data-testid': 'errand-close-send' }, t('errands.close.send')),
      cancel));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSend({ rating, comment: comment.value.trim() });
  });
  return form;
}
