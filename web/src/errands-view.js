// How the errands mode draws its lists: one card per errand (what it is, where it stands, what is due, the
// staff member's part in it, and the buttons that part allows) and the rows of a village's overdue list.

import { language, t, tf } from './i18n.js';
import { nextStep, stageKey } from './errand-format.js';
import { formatValue } from './format.js';
import { element as el } from './dom.js';

/** The stages a hand-off may carry an errand to: upwards, as far as the department. */
export const HANDOFF_STAGES = ['grid', 'station', 'department'];
const ORDER = ['filed', 'grid', 'station', 'department'];

export function when(iso) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(language() === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'short', timeStyle: 'short' })
    .format(new Date(iso));
}


/** The hand-off waiting for userId to confirm, or null. */
export function transitTo(errand, userId) {
  return (errand.handoffs ?? []).find((h) => !h.confirmedAt && h.toUserId === userId) ?? null;
}

/**
 * The staff member's part in an errand: 'incoming' (theirs to confirm), 'holding', 'sending' (handed on, the
 * receiver has not confirmed: until then the sender still answers for it), 'held' or 'supervising'.
 */
export function relation(errand, userId) {
  if (transitTo(errand, userId)) return 'incoming';
  if (errand.holderUserId === userId) return errand.inTransit ? 'sending' : 'holding';
  if ((errand.handoffs ?? []).some((h) => h.fromUserId === userId || h.toUserId === userId)) return 'held';
  return 'supervising';
}

/** The levels above the errand's stage a hand-off may reach (empty once it is past the department). */
export function nextStages(errand) {
  const at = ORDER.indexOf(errand.stage);
  return at < 0 ? [] : HANDOFF_STAGES.filter((s) => ORDER.indexOf(s) > at);
}

function itemName(item) {
  return language() === 'en' && item?.nameEn ? item.nameEn : item?.name ?? '';
}

/**
 * One errand's card; actions: {confirm(errand, handoff), openHandOff(errand), advance(errand, step) — result
 * ready, returned, or (step 'closed') open the rating form —, showOnMap(errand)}.
 */
export function errandCard(errand, userId, actions) {
  const part = relation(errand, userId);
  const late = Boolean(errand.overdue);
  const card = el('li', { class: `errand-card${late ? ' late' : ''}`, 'data-testid': 'errand-item', 'data-number': errand.number,
    'data-relation': part, 'data-stage': errand.stage, 'data-in-transit': String(Boolean(errand.inTransit)) },
  el('div', { class: 'errand-head' }, el('strong', {}, errand.number), el('span', { class: 'errand-part' }, t(`errands.part.${part}`))),
  el('div', {}, itemName(errand.item)),
  el('div', { 'data-testid': 'errand-stage' }, t(stageKey(errand))),
  el('div', { class: 'hint' }, `${errand.grid?.name ?? ''} · ${tf('errands.due', { at: when(errand.stageDueAt) })}`
    + `${late ? ` · ${t('lookup.overdue')}` : ''}`));
  if (errand.resident) {
    card.append(el('div', { class: 'hint' }, `${errand.resident.name ?? ''} ${errand.resident.phone ?? ''}`));
  }
  const buttons = el('div', { class: 'errand-actions' });
  const incoming = transitTo(errand, userId);
  if (incoming) {
    const b = el('button', { type: 'button', class: 'action-button primary', 'data-testid': 'errand-confirm' }, t('errands.confirm'));
    b.addEventListener('click', () => actions.confirm(errand, incoming));
    buttons.append(b);
  } else if (part === 'holding' && !errand.inTransit && nextStages(errand).length) {
    const b = el('button', { type: 'button', class: 'action-button', 'data-testid': 'errand-handoff' }, t('errands.handOn'));
    b.addEventListener('click', () => actions.openHandOff(errand));
    buttons.append(b);
  }
  const step = part === 'holding' ? nextStep(errand) : null;
  if (step && actions.advance) {
    const b = el('button', { type: 'button', class: 'action-button', 'data-testid': `errand-step-${step}` }, t(`errands.step.${step}`));
    b.addEventListener('click', () => actions.advance(errand, step));
    buttons.append(b);
  }
  if (actions.showOnMap) {
    const b = el('button', { type: 'button', class: 'text-button', 'data-testid': 'errand-show' }, t('errands.map.path'));
    b.addEventListener('click', () => actions.showOnMap(errand));
    buttons.append(b);
  }
  buttons.append(el('a', { href: `/api/errands/${encodeURIComponent(errand.number)}/form`, target: '_blank', rel: 'noopener',
    class: 'text-button', 'data-testid': 'errand-form-link' }, t('errands.printForm')));
  card.append(buttons);
  return card;
}

/** The hand-off form under a card: the level to reach, the receiver's user name, a reason when skipping. */
export function handOffForm(errand, onSend, onCancel) {
  const stages = nextStages(errand);
  const select = el('select', { name: 'stage', 'data-testid': 'errand-next-stage' },
    ...stages.map((s) => el('option', { value: s }, t(`errand.stage.${s}`))));
  const receiver = el('input', { name: 'receiver', 'data-testid': 'errand-receiver', autocomplete: 'off',
    autocapitalize: 'none', spellcheck: 'false', required: true });
  const reason = el('input', { name: 'reason', 'data-testid': 'errand-skip-reason', autocomplete: 'off' });
  const reasonField = el('label', { class: 'field', hidden: true }, el('span', {}, t('errands.skipReason')), reason);
  select.addEventListener('change', () => { reasonField.hidden = select.value === stages[0]; });
  const cancel = el('button', { type: 'button', class: 'text-button' }, t('errands.cancel'));
  cancel.addEventListener('click', onCancel);
  const form = el('form', { class: 'errand-handoff-form', 'data-testid': 'errand-handoff-form', novalidate: true },
    el('label', { class: 'field' }, el('span', {}, t('errands.nextStage')), select),
    el('label', { class: 'field' }, el('span', {}, t('errands.receiver')), receiver),
    reasonField,
    el('div', { class: 'errand-actions' },
      el('button', { type: 'submit', class: 'action-button primary', 'data-testid': 'errand-handoff-send' }, t('errands.send')), cancel));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSend({ stage: select.value, receiver: receiver.value.trim(), reason: reasonField.hidden ? '' : reason.value.trim() });
  });
  return form;
}

/** One row of a village's overdue list; a click (or Enter) on it calls onSelect(o): the map zooms to it. */
export function overdueRow(o, onSelect) {
  const who = o.actor ? `${o.actor.name ?? ''} (${formatValue('role', o.actor.role) ?? o.actor.role})` : '—';
  const row = el('button', { type: 'button', class: 'errand-row-button', 'data-testid': 'overdue-open', title: t('errands.map.zoom') },
    el('span', { class: 'errand-head' }, el('strong', {}, o.number), el('span', {}, tf('errands.hoursLate', { hours: o.hoursLate }))),
    el('span', {}, `${o.item?.name ?? ''} · ${t(stageKey(o))}`),
    el('span', { class: 'hint' }, `${o.grid?.name ?? ''} · ${who}`));
  if (onSelect) row.addEventListener('click', () => onSelect(o));
  return el('li', { class: 'errand-card late', 'data-testid': 'overdue-item', 'data-number': o.number }, row);
}
