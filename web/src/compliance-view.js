// Ring compliance as numbers and bars: one row per ring (share, within / origins), the villages of the
// selected ring as a table, and its worst places as a list that zooms the map to each.

import { element } from './dom.js';
import { t, tf } from './i18n.js';
import { ringLink, ringMode, ringName } from './rings.js';
import { formatDuration, formatLimit, formatNumber, formatShare } from './units.js';
import { placeName } from './place-name.js';

/** A CSS bar for a share 0…1, coloured by how well the promise is kept. */
export function shareBar(share, { small = false } = {}) {
  const value = Number.isFinite(Number(share)) ? Math.max(0, Math.min(1, Number(share))) : 0;
  const grade = value >= 0.95 ? 'good' : value >= 0.85 ? 'fair' : 'poor';
  return element('span', { class: `bar ${grade}${small ? ' small' : ''}`, 'aria-hidden': 'true' },
    element('span', { class: 'bar-fill', style: `width: ${(value * 100).toFixed(2)}%` }));
}

export function renderRings(rings, selected, onSelect) {
  const list = element('ol', { class: 'ring-bars', 'data-testid': 'coverage-rings' });
  for (const ring of rings) {
    const name = ringName(ring.ring, ring.name);
    const button = element('button', {
      type: 'button', class: 'ring-row', 'data-testid': 'coverage-ring', 'data-ring': ring.ring,
      'data-share': ring.share ?? '', 'aria-pressed': String(ring.ring === selected),
      title: tf('coverage.ring.select', { ring: name }),
    },
    element('span', { class: 'ring-head' },
      element('strong', { class: 'ring-name', text: name }),
      element('span', { class: 'ring-link', text: `${ringLink(ring.from, ring.to)} · ≤ ${formatLimit(ring.limitSeconds)}` })),
    element('span', { class: 'ring-figures' },
      shareBar(ring.share),
      element('strong', { class: 'ring-share', 'data-testid': 'ring-share', text: formatShare(ring.share) })),
    element('span', { class: 'ring-count', 'data-testid': 'ring-count',
      text: tf('coverage.within', { within: formatNumber(ring.within), origins: formatNumber(ring.origins) })
        + (ring.peopleWithin !== undefined ? ` · ${tf('coverage.peopleWithin', { n: formatNumber(ring.peopleWithin) })}` : '') }));
    button.addEventListener('click', () => onSelect(ring.ring));
    list.append(element('li', {}, button));
  }
  return list;
}

export function renderVillages(ring) {
  const name = ringName(ring.ring, ring.name);
  const rows = (ring.villages ?? []).map((v) => element('tr', { 'data-code': v.code ?? '' },
    element('td', { text: placeName(v) }),
    element('td', { class: 'num', text: `${formatNumber(v.within)} / ${formatNumber(v.origins)}` }),
    element('td', { class: 'num share' }, shareBar(v.share, { small: true }), element('span', { text: formatShare(v.share) }))));
  return element('section', { class: 'answer-section' },
    element('h3', { text: tf('coverage.villages', { ring: name }) }),
    element('table', { class: 'village-table', 'data-testid': 'village-table' },
      element('thead', {}, element('tr', {},
        element('th', { scope: 'col', text: t('coverage.col.village') }),
        element('th', { scope: 'col', class: 'num', text: t('coverage.col.within') }),
        element('th', { scope: 'col', class: 'num', text: t('coverage.col.share') }))),
      element('tbody', {}, rows)));
}

function offenderLabel(ring, offender) {
  if (offender.kind === 'household') return tf('worst.household', { id: offender.id });
  return tf('worst.facility', { level: t(`from.${ring.from}`), code: offender.code ?? offender.id });
}

export function renderWorst(ring, onZoom) {
  const name = ringName(ring.ring, ring.name);
  const worst = ring.worst ?? [];
  const body = worst.length
    ? element('ol', { class: 'worst-list', 'data-testid': 'worst-list' }, worst.map((o) => {
      const button = element('button', { type: 'button', class: 'worst-item', 'data-testid': 'worst-item',
        'data-lon': o.lon, 'data-lat': o.lat, title: t('coverage.worst.zoom') },
      element('span', { class: 'name', 'data-testid': 'worst-where',
        text: o.grid ? `${o.village?.name ? `${placeName(o.village)} · ` : ''}${placeName(o.grid)}` : offenderLabel(ring, o) }),
      element('span', { class: 'meta', text: o.grid ? offenderLabel(ring, o) : '' }),
      element('span', { class: 'meta late', text: tf('worst.time', { mode: ringMode(ring.ring), t: formatDuration(o.seconds), limit: formatLimit(ring.limitSeconds) }) }));
      button.addEventListener('click', () => onZoom(o, ring));
      return element('li', {}, button);
    }))
    : element('p', { class: 'muted', text: t('coverage.worst.none') });
  return element('section', { class: 'answer-section' }, element('h3', { text: tf('coverage.worst', { ring: name }) }), body);
}
