// The resident's lookup page (/lookup): an errand number (filled from ?number= when the form's QR code was
// scanned) and the last four digits of the phone given; the answer shows the stage, the due times, who holds
// the errand with their service card, and the grid. Nothing personal about the resident comes back.

import './lookup.css';
import { getJSON } from './api.js';
import { applyTranslations, language, onLanguageChange, t, tf, toggleLanguage } from './i18n.js';
import { normalizeNumber, stageKey, validDigits } from './errand-format.js';
import { element as el, phoneLink } from './dom.js';
import { loadVocabulary, wordName } from './vocabulary.js';

const form = document.getElementById('lookup-form');
const numberInput = document.getElementById('lookup-number');
const phoneInput = document.getElementById('lookup-phone');
const message = document.getElementById('lookup-message');
const result = document.getElementById('lookup-result');
let last = null;

function when(iso) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(language() === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' })
    .format(new Date(iso));
}


function row(labelKey, value, testid) {
  return el('div', { class: 'lookup-row' }, el('dt', {}, t(labelKey)), el('dd', { 'data-testid': testid }, value));
}

function say(key, vars) {
  message.textContent = tf(key, vars);
  message.hidden = false;
  result.hidden = true;
}

function holderCard(holder) {
  if (!holder) return el('p', { 'data-testid': 'lookup-holder' }, t('lookup.holder.none'));
  const role = wordName('staffRoles', holder.role) ?? t(`role.${holder.role}`);
  const card = el('div', { class: 'lookup-card', 'data-testid': 'lookup-holder' },
    el('strong', {}, holder.name ?? ''), el('span', { class: 'lookup-role' }, role));
  if (holder.phone) {
    card.append(phoneLink(holder.phone, { text: `${t('lookup.call')} ${holder.phone}`, class: 'lookup-call', 'data-testid': 'lookup-call' }));
  }
  return card;
}

function render(answer) {
  const item = language() === 'en' && answer.item?.nameEn ? answer.item.nameEn : answer.item?.name;
  const list = el('dl', {},
    row('lookup.field.number', answer.number, 'lookup-number-shown'),
    row('lookup.field.item', item ?? '', 'lookup-item'),
    row('lookup.field.stage', t(stageKey(answer)), 'lookup-stage'),
    row('lookup.field.stageDue', `${when(answer.stageDueAt)}${answer.overdue ? ` · ${t('lookup.overdue')}` : ''}`,
      'lookup-stage-due'),
    row('lookup.field.resultDue', when(answer.resultDueAt), 'lookup-result-due'),
    row('lookup.field.grid', `${answer.grid?.name ?? ''} (${answer.grid?.code ?? ''})`, 'lookup-grid'),
    row('lookup.field.filed', when(answer.filedAt), 'lookup-filed'));
  const hops = el('ol', { class: 'lookup-hops', 'data-testid': 'lookup-hops' });
  for (const h of answer.hops ?? []) {
    const done = h.confirmedAt ? tf('lookup.hop.confirmed', { at: when(h.confirmedAt) }) : t('lookup.hop.waiting');
    hops.append(el('li', {}, `${t(`errand.stage.${h.to}`)} · ${tf('lookup.hop.sent', { at: when(h.sentAt) })} · ${done}`));
  }
  if (!hops.children.length) hops.append(el('li', {}, t('lookup.hops.none')));
  result.replaceChildren(list, el('h2', {}, t('lookup.holder')), holderCard(answer.holder),
    el('h2', {}, t('lookup.hops')), hops);
  result.hidden = false;
  message.hidden = true;
}

async function ask() {
  const number = normalizeNumber(numberInput.value);
  const phone = phoneInput.value.trim();
  if (!number) return say('lookup.need.number');
  if (!validDigits(phone)) return say('lookup.need.phone');
  form.setAttribute('aria-busy', 'true');
  try {
    const query = new URLSearchParams({ number, phone });
    last = await getJSON(`/api/errands/lookup?${query}`);
    render(last);
  } catch (e) {
    last = null;
    if (e.status === 404) say('lookup.notFound');
    else if (e.status === 429) say('lookup.tooMany', { seconds: e.retryAfter ?? 60 });
    else if (e.status === 400) say('lookup.need.phone');
    else say('lookup.failed');
  } finally {
    form.removeAttribute('aria-busy');
  }
}

function title() {
  document.title = t('lookup.title');
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  ask();
});
document.getElementById('lookup-lang').addEventListener('click', toggleLanguage);
onLanguageChange(() => {
  title();
  if (last) render(last);
});
applyTranslations();
title();
numberInput.value = normalizeNumber(new URLSearchParams(location.search).get('number'));
(numberInput.value ? phoneInput : numberInput).focus();
loadVocabulary().then(() => last && render(last));
