// The visits panel's pieces: a row per unvisited household with its "record a visit" form, and the dashboard's
// village rows.

import { element as el } from './dom.js';
import { t, tf } from './i18n.js';
import { shareColor } from './visits-map.js';
import { percent } from './visit-months.js';

export const OUTCOMES = ['met', 'nobody_home', 'refused'];

/** One unvisited household: who, how many people, earlier tries; the record button opens the form. */
export function householdRow(h, { onRecord, onShow }) {
  const tries = h.attempts > 0 ? ` · ${tf('visits.attempts', { n: h.attempts })}` : '';
  const show = el('button', { type: 'button', class: 'text-button household-name', 'data-testid': 'visit-household-show' },
    tf('visits.household', { id: h.id, members: h.members }) + tries);
  show.addEventListener('click', () => onShow(h));
  const record = el('button', { type: 'button', class: 'action-button', 'data-testid': 'visit-record' }, t('visits.record'));
  record.addEventListener('click', () => onRecord(h));
  return el('li', { class: 'visit-row', 'data-testid': 'visit-household', 'data-household': String(h.id) }, show, record);
}

/** The visit form: outcome, findings, notes; saving takes the device's position. */
export function visitForm(h, { onSave, onCancel }) {
  const outcome = el('select', { name: 'outcome', 'data-testid': 'visit-outcome' },
    ...OUTCOMES.map((o) => el('option', { value: o }, t(`visits.outcome.${o}`))));
  const findings = el('textarea', { name: 'findings', rows: '2', maxlength: '4000', 'data-testid': 'visit-findings' });
  const notes = el('textarea', { name: 'notes', rows: '2', maxlength: '4000', 'data-testid': 'visit-notes' });
  const save = el('button', { type: 'submit', class: 'action-button', 'data-testid': 'visit-save' }, t('visits.save'));
  const cancel = el('button', { type: 'button', class: 'text-button' }, t('visits.cancel'));
  cancel.addEventListener('click', onCancel);
  const form = el('form', { class: 'visit-form', 'data-testid': 'visit-form', 'data-household': String(h.id) },
    el('label', { class: 'field' }, el('span', {}, t('visits.outcome')), outcome),
    el('label', { class: 'field' }, el('span', {}, t('visits.findings')), findings),
    el('label', { class: 'field' }, el('span', {}, t('visits.notes')), notes),
    el('p', { class: 'hint' }, t('visits.positionHint')),
    el('div', { class: 'visit-actions' }, save, cancel));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSave({ outcome: outcome.value, findings: findings.value.trim() || null, notes: notes.value.trim() || null });
  });
  return form;
}

/**
 * A village's (or grid's) row of the dashboard: name, visited / households, the share with its colour, the grid
 * leaders' 3-day reports sent on time of those due, and the cases still open (how many older than 30 days).
 */
export function dashboardRow(row) {
  const v = row.visits ?? {};
  const r = row.reports ?? {};
  const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
  swatch.style.background = shareColor(v.share);
  return el('tr', { 'data-testid': 'visit-dashboard-row', 'data-code': row.code },
    el('td', {}, swatch, row.name ?? row.code),
    el('td', { class: 'num' }, `${v.visited ?? 0} / ${v.total ?? 0}`),
    el('td', { class: 'num' }, percent(v.visited ?? 0, v.total ?? 0)),
    el('td', { class: 'num', 'data-testid': 'visit-dashboard-reports' }, `${r.onTime ?? 0} / ${r.due ?? 0}`),
    el('td', { class: 'num', 'data-testid': 'visit-dashboard-cases' }, openCases(row.openCases)));
}

function openCases(o = {}) {
  const older = o.older ?? 0;
  const open = (o.upTo3Days ?? 0) + (o.upTo7Days ?? 0) + (o.upTo30Days ?? 0) + older;
  return older > 0 ? `${open}${tf('visits.openCasesOld', { n: older })}` : String(open);
}
