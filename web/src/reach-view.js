// The panel's words for a facility's reach: which facility, in how many minutes, the area reachable on
// foot beside the coverage circle, and the detour factor (circle area / reachable area).

import { element, swatchItem } from './dom.js';
import { formatValue } from './format.js';
import { t, tf } from './i18n.js';
import { formatArea, formatDistance, formatLimit, formatNumber } from './units.js';

/** state: {state: 'hint'|'loading'|'error'} or {state: 'ready', reach} (see isochrone.js); onClear(). */
export function renderReach(state, onClear) {
  if (state.state !== 'ready') {
    const key = state.state === 'error' ? 'coverage.isochrone.error'
      : state.state === 'loading' ? 'panel.loading' : 'coverage.isochrone.hint';
    return [element('p', { class: state.state === 'error' ? 'note error' : 'hint', text: t(key) })];
  }
  const r = state.reach;
  const clear = element('button', { type: 'button', class: 'text-button', 'data-testid': 'isochrone-clear',
    text: t('coverage.isochrone.clear') });
  clear.addEventListener('click', onClear);
  const factor = formatNumber(r.detourFactor, 2);
  return [
    element('p', { class: 'iso-name', 'data-testid': 'isochrone-facility' },
      element('strong', { text: r.facility?.name ?? '' }),
      element('span', { class: 'muted', text: ` · ${formatValue('level', r.facility?.level) ?? ''} · `
        + tf('coverage.isochrone.minutes', { t: formatLimit((r.minutes ?? 0) * 60) }) })),
    element('dl', { class: 'props compact' },
      element('dt', { text: t('coverage.isochrone.network') }), element('dd', { text: formatArea(r.network.areaKm2) }),
      element('dt', { text: t('coverage.isochrone.radius') }), element('dd', { text: formatDistance(r.radius.radiusMeters) }),
      element('dt', { text: t('coverage.isochrone.circle') }), element('dd', { text: formatArea(r.radius.areaKm2) }),
      element('dt', { text: t('coverage.isochrone.detour') }),
      element('dd', { 'data-testid': 'detour-factor', text: factor })),
    element('p', { class: 'hint', text: tf('coverage.isochrone.detour.note', { f: factor }) }),
    element('ul', { class: 'mini-legend' },
      swatchItem('rgba(0,137,123,0.45)', t('legend.isochrone.network')),
      swatchItem('#004d40', t('legend.isochrone.radius'), { line: true })),
    clear,
  ];
}
