// What a hazard threatens, for the monitor: households and people inside the threat zone, the grade the
// national scale suggests for them beside the grade set, service facilities, the grids with the staff who must
// act, the roads crossing the zone; and a saved hazard's facts and inspection log.

import { element, phoneLink } from './dom.js';
import { formatValue } from './format.js';
import { language, t, tf } from './i18n.js';
import { formatDistance, formatNumber } from './units.js';
import { ringName } from './rings.js';

function when(at) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at ?? '');
  return date.toLocaleString(language() === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'short', timeStyle: 'short' });
}

export function gradeName(grade) {
  return grade ? t(`grade.${grade}`) : t('hazard.grade.none');
}

/**
 * handlers: {onAdopt(grade)} — set the form's grade to the suggested one. setGrade: the grade chosen now.
 * part: 'summary' (the figures and the grades), 'details' (roads, grids and their staff, facilities) or 'all'.
 */
export function renderHazardImpact(impact, { setGrade = null, onAdopt = null, saved = false, part = 'all' } = {}) {
  const suggested = impact.suggestedGrade;
  const matches = setGrade ? setGrade === suggested : null;
  const adopt = onAdopt && suggested && setGrade !== suggested
    ? element('button', { type: 'button', class: 'text-button small', 'data-testid': 'hazard-adopt-grade', text: t('hazard.adopt') })
    : null;
  adopt?.addEventListener('click', () => onAdopt(suggested));
  const grade = element('div', { class: `grade-compare${matches === false ? ' mismatch' : ''}` },
    element('p', { class: 'grade-line' },
      element('span', { class: 'caption', text: t('hazard.suggested') }),
      element('strong', { class: `grade-chip grade-${suggested}`, 'data-testid': 'hazard-suggested-grade', 'data-grade': suggested ?? '',
        text: gradeName(suggested) })),
    element('p', { class: 'grade-line' },
      element('span', { class: 'caption', text: t(saved ? 'hazard.setGrade' : 'hazard.chosenGrade') }),
      element('span', { class: `grade-chip grade-${setGrade ?? 'none'}`, 'data-testid': 'hazard-set-grade', 'data-grade': setGrade ?? '',
        text: gradeName(setGrade) })),
    matches === false ? element('p', { class: 'note warn', text: t('hazard.gradeMismatch') }) : null,
    element('p', { class: 'hint', text: t('hazard.gradeScale') }),
    adopt);

  const grids = (impact.grids ?? []).map((g) => element('li', { class: 'threat-grid' },
    element('span', { class: 'name', text: `${g.name ?? ''} · ${g.code ?? ''}` }),
    element('span', { class: 'meta', text: tf('hazard.grid.people', { h: formatNumber(g.households ?? 0), p: formatNumber(g.people ?? 0) }) }),
    (g.responsible ?? []).length ? element('ul', { class: 'people' }, g.responsible.map((s) => element('li', {},
      element('span', { class: 'role', text: formatValue('role', s.role) ?? '' }),
      element('span', { class: 'who', text: s.name ?? '' }),
      s.phone ? phoneLink(s.phone) : null))) : null));

  const facilities = (impact.facilities ?? []).map((f) => element('li', {},
    element('span', { text: `${f.name ?? f.code} · ${t(`level.${f.level}`)}` }),
    element('span', { class: 'meta', text: formatDistance(f.distanceMeters) })));

  const roads = impact.roads ?? [];
  const roadText = roads.length
    ? tf('hazard.roads', { n: roads.length, m: formatDistance(roads.reduce((s, r) => s + (Number(r.lengthMeters) || 0), 0)) })
    : t('hazard.roads.none');

  const summary = [
    element('div', { class: 'impact-figures' },
      element('p', { class: 'impact-figure', 'data-testid': 'hazard-households', 'data-count': impact.households ?? 0 },
        element('strong', { text: formatNumber(impact.households ?? 0) }), element('span', { text: t('hazard.fig.households') })),
      element('p', { class: 'impact-figure', 'data-testid': 'hazard-people', 'data-count': impact.people ?? 0 },
        element('strong', { text: formatNumber(impact.people ?? 0) }), element('span', { text: t('hazard.fig.people') })),
      element('p', { class: 'impact-figure', 'data-testid': 'hazard-facility-count' },
        element('strong', { text: formatNumber((impact.facilities ?? []).length) }), element('span', { text: t('hazard.fig.facilities') }))),
    grade,
  ];
  const details = [
    element('section', { class: 'answer-section' },
      element('h3', { text: t('hazard.roads.title') }),
      element('p', { 'data-testid': 'hazard-roads', 'data-count': roads.length, text: roadText }),
      impact.closesRoads ? element('p', { class: 'note warn', text: t(saved ? 'hazard.closesRoads.saved' : 'hazard.closesRoads') }) : null),
    grids.length ? element('section', { class: 'answer-section' },
      element('h3', { text: tf('hazard.grids', { n: grids.length }) }),
      element('ul', { class: 'threat-grids', 'data-testid': 'hazard-grids' }, grids)) : null,
    facilities.length ? element('section', { class: 'answer-section' },
      element('h3', { text: tf('hazard.facilities', { n: facilities.length }) }),
      element('ul', { class: 'impact-list' }, facilities)) : null,
  ];
  const parts = part === 'summary' ? summary : part === 'details' ? details : [...summary, ...details];
  return parts.filter(Boolean);
}

/** "N households lost their 5-minute service point" and the roads closed, from a write's routing effect. */
export function routingSummary(routing) {
  if (!routing) return null;
  // the routing engine was reloading the city: it applies the change when done, the effect is not known yet
  if (routing.pending) return t('hazard.routing.pending');
  const count = (v) => (Array.isArray(v) ? v.length : Number(v) || 0);
  const parts = [];
  const closed = count(routing.roadsClosedNow);
  const reopened = count(routing.roadsReopenedNow);
  if (closed) parts.push(tf('hazard.routing.closed', { n: closed }));
  if (reopened) parts.push(tf('hazard.routing.reopened', { n: reopened }));
  const lost = Number(routing.householdsLost) || 0;
  parts.push(lost ? tf('hazard.routing.lost', { n: formatNumber(lost), p: formatNumber(routing.peopleLost ?? 0) })
    : t('hazard.routing.noneLost'));
  const regained = Number(routing.householdsRegained) || 0;
  if (regained) parts.push(tf('hazard.routing.regained', { n: formatNumber(regained) }));
  const cut = Number(routing.householdsCutOff) || 0;
  if (cut) parts.push(tf('hazard.routing.cutOff', { n: formatNumber(cut) }));
  // every ring whose count within its limit changed (a hub cut off from its station shows in its ring)
  for (const r of ringChanges(routing)) {
    parts.push(tf('hazard.routing.ring', { name: r.name, before: formatNumber(r.before), after: formatNumber(r.after),
      n: formatNumber(r.origins) }));
  }
  return parts.join(' ');
}

/** The rings of a routing answer whose count within the limit changed: [{ring, name, before, after, origins}]. */
export function ringChanges(routing) {
  return (routing?.rings ?? [])
    .map((r) => ({ ring: r.ring, name: ringName(r.ring, r.name), before: Number(r.before?.within), after: Number(r.after?.within),
      origins: Number(r.after?.origins) }))
    .filter((r) => Number.isFinite(r.before) && Number.isFinite(r.after) && r.before !== r.after);
}

/** The facts of a saved hazard. */
export function renderHazardFacts(hazard) {
  const rows = [
    ['field.type', formatValue('type', hazard.type)],
    ['field.grade', gradeName(hazard.grade)],
    ['field.status', formatValue('status', hazard.status)],
    ['field.radius_m', formatValue('radius_m', hazard.radius_m)],
    ['field.blocks_roads', t(`bool.${Boolean(hazard.blocks_roads)}`)],
    ['hazard.field.closedRoads', formatNumber(hazard.closedRoads ?? 0)],
    hazard.description ? ['field.description', hazard.description] : null,
    hazard.lastChange ? ['hazard.field.lastChange', `${hazard.lastChange.by ?? '—'} · ${when(hazard.lastChange.at)}`] : null,
  ].filter(Boolean);
  const monitors = [];
  for (const g of hazard.grids ?? []) {
    for (const m of g.monitors ?? []) monitors.push({ ...m, grid: g });
    if (g.leader) monitors.push({ ...g.leader, grid: g, leader: true });
  }
  return [
    element('dl', { class: 'props compact', 'data-testid': 'hazard-facts' },
      rows.flatMap(([k, v]) => [element('dt', { text: t(k) }), element('dd', { text: v ?? '—' })])),
    monitors.length ? element('section', { class: 'answer-section' },
      element('h3', { text: t('hazard.responsible') }),
      element('ul', { class: 'people' }, monitors.map((m) => element('li', {},
        element('span', { class: 'role', text: formatValue('role', m.leader ? 'grid_leader' : 'hazard_monitor') }),
        element('span', { class: 'who', text: `${m.name ?? ''}` }),
        m.phone ? phoneLink(m.phone) : null,
        element('span', { class: 'meta', text: m.grid?.code ?? '' }))))) : null,
  ].filter(Boolean);
}

export function renderInspections(list) {
  if (!list?.length) return [element('p', { class: 'muted', text: t('hazard.inspections.none') })];
  return [element('ol', { class: 'inspection-list', 'data-testid': 'inspection-list' }, list.map((i) => element('li', {
    'data-testid': 'inspection-item' },
  element('span', { class: 'meta', text: `${when(i.inspectedAt)} · ${i.by ?? '—'}` }),
  element('span', { class: 'observation', text: i.observation ?? '' }),
  i.statusAfter ? element('span', { class: 'status-change', text: `${formatValue('status', i.statusBefore)} → ${formatValue('status', i.statusAfter)}` }) : null)))];
}
