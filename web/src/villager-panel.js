// What the villager reads after a tap: walking time and distance, the service point, their grid and its
// staff (with phone links), the four-ring chain above the point, and the next nearest points.

import { element, phoneLink } from './dom.js';
import { formatValue } from './format.js';
import { t, tf } from './i18n.js';
import { ringName } from './rings.js';
import { formatDistance, formatDuration, formatLimit } from './units.js';

function section(titleKey, testid, ...children) {
  return element('section', { class: 'answer-section', 'data-testid': testid },
    element('h3', { text: t(titleKey) }), ...children);
}

function walkSummary(answer) {
  const offroad = Number(answer.offNetworkMeters) >= 5
    ? element('p', { class: 'walk-offroad', text: tf('villager.offroad', { d: formatDistance(answer.offNetworkMeters) }) })
    : null;
  return element('section', { class: 'walk', 'data-testid': 'walk-summary' },
    element('p', { class: 'walk-label', text: t('villager.walkTo') }),
    element('p', { class: 'walk-point', 'data-testid': 'point-name', text: answer.point?.name ?? '' }),
    element('div', { class: 'walk-figures' },
      element('p', { class: 'walk-figure' },
        element('span', { class: 'walk-caption', text: t('villager.walkTime') }),
        element('strong', { class: 'walk-time', 'data-testid': 'walk-time', text: formatDuration(answer.travelSeconds) })),
      element('p', { class: 'walk-figure' },
        element('span', { class: 'walk-caption', text: t('villager.distance') }),
        element('strong', { class: 'walk-distance', 'data-testid': 'walk-distance',
          text: formatDistance(answer.distanceMeters) }))),
    offroad);
}

function gridCard(answer) {
  if (!answer.grid) {
    return section('villager.grid', 'grid-card', element('p', { class: 'muted', text: t('villager.noGrid') }));
  }
  return section('villager.grid', 'grid-card',
    element('p', { class: 'grid-name', 'data-testid': 'grid-name', text: answer.grid.name }),
    element('dl', { class: 'props compact' },
      element('dt', { text: t('villager.gridCode') }),
      element('dd', { class: 'code', 'data-testid': 'grid-code', text: answer.grid.code }),
      answer.village ? element('dt', { text: t('villager.village') }) : null,
      answer.village ? element('dd', { 'data-testid': 'village-name', text: answer.village.name }) : null));
}

function staffCards(staff) {
  if (!staff?.length) {
    return section('villager.staff', 'staff', element('p', { class: 'muted', text: t('villager.staff.none') }));
  }
  const list = element('ul', { class: 'staff-cards', 'data-testid': 'staff-cards' });
  for (const person of staff) {
    list.append(element('li', { class: 'staff-card', 'data-role': person.role },
      element('span', { class: 'role', text: formatValue('role', person.role) ?? '' }),
      element('span', { class: 'who', text: person.name ?? '' }),
      person.phone ? phoneLink(person.phone, { class: 'call', 'aria-label': tf('villager.call', { name: person.name ?? '' }) })
        : null,
      person.duties ? element('p', { class: 'duties', text: person.duties }) : null));
  }
  return section('villager.staff', 'staff', list);
}

function chainRows(answer) {
  const list = element('ol', { class: 'chain', 'data-testid': 'chain' });
  let fromName = t('chain.you');
  for (const link of answer.chain ?? []) {
    const toName = link.facility?.name ?? '—';
    const ok = Boolean(link.ok);
    list.append(element('li', { class: `chain-row ${ok ? 'ok' : 'late'}`, 'data-testid': 'chain-row',
      'data-ring': link.ring, 'data-ok': String(ok) },
    element('span', { class: 'chain-mark', 'aria-label': t(ok ? 'chain.ok' : 'chain.late'), text: ok ? '✓' : '✗' }),
    element('div', { class: 'chain-main' },
      element('strong', { class: 'chain-ring', text: ringName(link.ring, link.name) }),
      element('span', { class: 'chain-link', text: `${fromName} → ${toName}` })),
    element('div', { class: 'chain-time' },
      element('strong', { text: formatDuration(link.seconds) }),
      element('span', { text: tf('chain.limit', { t: formatLimit(link.limitSeconds) }) }),
      element('span', { class: 'chain-total', text: tf('chain.total', { t: formatDuration(link.cumulativeSeconds) }) }))));
    fromName = toName;
  }
  return section('villager.chain', 'chain-section',
    element('p', { class: 'hint', text: t('villager.chain.hint') }), list);
}

function alternatives(answer) {
  const others = (answer.nearest ?? []).filter((n) => n.point && n.point.id !== answer.point?.id).slice(0, 2);
  if (!others.length) return null;
  const list = element('ol', { class: 'alternatives', 'data-testid': 'alternatives', start: 2 });
  for (const other of others) {
    list.append(element('li', {},
      element('span', { class: 'name', text: other.point.name }),
      element('span', { class: 'meta', text: `${formatDuration(other.travelSeconds)} · ${formatDistance(other.distanceMeters)}` })));
  }
  return section('villager.alternatives', 'alternatives-section', list);
}

function hazardLine(hazard, kindKey) {
  const facts = [formatValue('type', hazard.type), hazard.grade ? formatValue('grade', hazard.grade) : null,
    formatValue('status', hazard.status)].filter(Boolean).join(' · ');
  return element('li', { class: 'hazard-warning', 'data-testid': 'hazard-warning', 'data-kind': kindKey, 'data-code': hazard.code ?? '' },
    element('strong', { text: tf(`villager.hazard.${kindKey}`, { name: hazard.name ?? hazard.code ?? '' }) }),
    element('span', { class: 'meta', text: facts }),
    hazard.blocks_roads ? element('span', { class: 'meta', text: t('villager.hazard.blocks') }) : null);
}

/** Warnings when the home or the walk lies in the threat zone of an open hazard. */
function warnings(extras) {
  if (!extras || (!extras.home?.length && !extras.route?.length)) return null;
  return element('section', { class: 'hazard-warnings', role: 'alert', 'data-testid': 'hazard-warnings' },
    element('p', { class: 'hazard-warnings-title', text: t('villager.hazard.title') }),
    element('ul', {}, ...(extras.home ?? []).map((h) => hazardLine(h, 'home')),
      ...(extras.route ?? []).map((h) => hazardLine(h, 'route'))),
    element('p', { class: 'hint', text: t('villager.hazard.advice') }));
}

/**
 * The panel's content for an answer of /api/nearest (reachable or not). extras: what came after it, from
 * /api/grids/at and the hazards' zones: {home, route (hazards), staff (the grid's live staff cards)}.
 */
export function renderAnswer(answer, extras = null) {
  const parts = [warnings(extras)];
  if (answer.reachable) {
    parts.push(walkSummary(answer));
  }
  const staff = extras?.staff?.length && extras.grid?.id === answer.grid?.id ? extras.staff : answer.staff;
  parts.push(gridCard(answer), staffCards(staff));
  if (answer.reachable) parts.push(chainRows(answer), alternatives(answer));
  return parts.filter(Boolean);
}
