// What the villager reads after a tap: walking time and distance, the service point, their grid and its
// staff (with phone links), the four-ring chain above the point, and the next nearest points.

import { element, phoneLink } from './dom.js';
import { formatValue } from './format.js';
import { t, tf } from './i18n.js';
import { ringMode, ringName } from './rings.js';
import { formatDistance, formatDuration, formatLimit } from './units.js';
import { placeName } from './place-name.js';

function section(titleKey, testid, ...children) {
  return element('section', { class: 'answer-section', 'data-testid': testid },
    element('h3', { text: t(titleKey) }), ...children);
}

/** The first link of the chain: you → the nearest point, with the promise it is held to. */
function firstLink(answer) {
  return (answer.chain ?? []).find((link) => link.facility?.id === answer.point?.id) ?? answer.chain?.[0] ?? null;
}

function walkSummary(answer) {
  const offroad = Number(answer.offNetworkMeters) >= 5
    ? element('p', { class: 'walk-offroad', text: tf('villager.offroad', { d: formatDistance(answer.offNetworkMeters) }) })
    : null;
  const link = firstLink(answer);
  const limit = Number(link?.limitSeconds);
  // the headline says at once whether the promise holds, not only the time
  const verdict = Number.isFinite(limit) && limit > 0
    ? element('p', { class: `walk-verdict ${answer.travelSeconds <= limit ? 'ok' : 'late'}`, 'data-testid': 'walk-verdict',
      'data-ok': String(answer.travelSeconds <= limit),
      text: tf(answer.travelSeconds <= limit ? 'villager.promise.ok' : 'villager.promise.late', { t: formatLimit(limit) }) })
    : null;
  const pointGrid = answer.point?.grid;
  const where = pointGrid
    ? element('p', { class: 'walk-where', 'data-testid': 'point-grid', 'data-grid-id': String(pointGrid.id ?? ''),
      text: tf('villager.pointIn', { grid: pointGrid.name ?? pointGrid.code ?? '', village: placeName(answer.point.village) }) })
    : null;
  const elsewhere = pointGrid && answer.grid && pointGrid.id !== answer.grid.id
    ? element('p', { class: 'note', 'data-testid': 'point-elsewhere', text: t('villager.pointElsewhere') })
    : null;
  return element('section', { class: 'walk', 'data-testid': 'walk-summary' },
    element('p', { class: 'walk-label', text: t('villager.walkTo') }),
    element('p', { class: 'walk-point', 'data-testid': 'point-name', text: answer.point?.name ?? '' }),
    where,
    element('div', { class: 'walk-figures' },
      element('p', { class: 'walk-figure' },
        element('span', { class: 'walk-caption', text: t('villager.walkTime') }),
        element('strong', { class: 'walk-time', 'data-testid': 'walk-time', text: formatDuration(answer.travelSeconds) })),
      element('p', { class: 'walk-figure' },
        element('span', { class: 'walk-caption', text: t('villager.distance') }),
        element('strong', { class: 'walk-distance', 'data-testid': 'walk-distance',
          text: formatDistance(answer.distanceMeters) }))),
    verdict,
    offroad,
    elsewhere);
}

/** The villager's own grid (where they stand), with its hub and service points (from /api/grids/at). */
function gridCard(answer, own) {
  const grid = answer.grid;
  const village = answer.village;
  if (!grid) {
    return section('villager.grid', 'grid-card', element('p', { class: 'muted', text: t('villager.noGrid') }));
  }
  const facilities = (own?.grid?.id === grid.id ? own.facilities ?? [] : []).filter((f) => f.level === 'grid' || f.level === 'point');
  const list = facilities.length
    ? element('ul', { class: 'own-facilities', 'data-testid': 'own-facilities' },
      ...facilities.map((f) => element('li', { 'data-level': f.level, 'data-id': String(f.id) },
        element('span', { class: 'name', text: f.name ?? f.code ?? '' }),
        element('span', { class: 'meta', text: `${t(`level.${f.level}`)} · ${tf('villager.straight', { d: formatDistance(f.distanceMeters) })}` }))))
    : null;
  return section('villager.grid', 'grid-card',
    element('p', { class: 'grid-name', 'data-testid': 'grid-name', 'data-grid-id': String(grid.id ?? ''), text: grid.name }),
    element('dl', { class: 'props compact' },
      element('dt', { text: t('villager.gridCode') }),
      element('dd', { class: 'code', 'data-testid': 'grid-code', text: grid.code }),
      village ? element('dt', { text: t('villager.village') }) : null,
      village ? element('dd', { 'data-testid': 'village-name', text: placeName(village) }) : null),
    list ? element('h4', { text: t('villager.ownFacilities') }) : null,
    list);
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
      element('span', { class: 'chain-link', text: `${fromName} → ${toName}` }),
      element('span', { class: 'chain-mode', 'data-testid': 'chain-mode', text: ringMode(link.ring) })),
    element('div', { class: 'chain-time' },
      element('strong', { text: formatDuration(link.seconds) }),
      element('span', { text: tf('chain.limit', { t: formatLimit(link.limitSeconds) }) }),
      element('span', { class: 'chain-total', text: tf('chain.total', { t: formatDuration(link.cumulativeSeconds) }) }))));
    fromName = toName;
  }
  const pointGrid = answer.point?.grid;
  const via = pointGrid && answer.grid && pointGrid.id !== answer.grid.id
    ? element('p', { class: 'hint', 'data-testid': 'chain-via', text: tf('villager.chain.via', { grid: pointGrid.name ?? pointGrid.code }) })
    : null;
  return section('villager.chain', 'chain-section',
    element('p', { class: 'hint', text: t('villager.chain.hint') }), via, list);
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
  // the answer's grid and staff are the villager's own (where they stand); the live cards replace them
  const staff = extras?.staff?.length && extras.grid?.id === answer.grid?.id ? extras.staff : answer.staff;
  parts.push(gridCard(answer, extras), staffCards(staff));
  if (answer.reachable) parts.push(chainRows(answer), alternatives(answer));
  return parts.filter(Boolean);
}
