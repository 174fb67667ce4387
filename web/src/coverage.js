// The planner's coverage view ("服务圈"): compliance per ring with bars, the selected ring's villages and
// worst places, and the analysis layers — gaps, households by walking time, suggested sites and, on a
// click on a facility, its walking reach beside its plain coverage circle.

import { fromLonLat } from 'ol/proj.js';
import { fetchCompliance } from './api.js';
import { renderRings, renderVillages, renderWorst } from './compliance-view.js';
import { element, swatchItem } from './dom.js';
import { createGapLayer } from './gaps.js';
import { createHouseholdTimesLayer, MIN_ZOOM, timeColor } from './household-times.js';
import { onLanguageChange, t, tf } from './i18n.js';
import { createIsochroneLayer } from './isochrone.js';
import { createPopup } from './popup.js';
import { loadRingPolicy } from './rings.js';
import { createSuggestionLayer } from './suggestions.js';
import { renderReach } from './reach-view.js';
import { formatLimit, formatNumber } from './units.js';
import { formatLonLat } from './coords.js';
import { placeName } from './place-name.js';

export function createCoverageMode(root, { map, highlight, pickFacility, fitExtent, onExit }) {
  const $ = (role) => root.querySelector(`[data-role="${role}"]`);
  const message = $('message');
  const ringsBox = $('rings');
  const villagesBox = $('villages');
  const worstBox = $('worst');
  const isochroneBox = $('isochrone');
  const householdsNote = $('households-note');
  const householdsLegend = $('households-legend');
  const suggestionsSummary = $('suggestions-summary');
  const suggestionsList = $('suggestions-list');
  const toggles = {
    gaps: root.querySelector('[data-testid="coverage-toggle-gaps"]'),
    households: root.querySelector('[data-testid="coverage-toggle-households"]'),
    suggestions: root.querySelector('[data-testid="coverage-toggle-suggestions"]'),
  };
  const countSelect = root.querySelector('[data-testid="suggestion-count"]');

  const popup = createPopup(map);
  const gaps = createGapLayer(map);
  const households = createHouseholdTimesLayer(map, { onChange: renderHouseholdsNote });
  const suggestions = createSuggestionLayer(map);
  const isochrone = createIsochroneLayer(map);
  isochrone.layer.setVisible(false);

  let active = false;
  let compliance = null;
  let selected = 4;
  let state = 'idle';
  let isochroneState = { state: 'hint' };
  let ready = Promise.resolve(null);

  function setState(next, messageKey = null) {
    state = next;
    root.dataset.state = next;
    message.hidden = !messageKey;
    message.textContent = messageKey ? t(messageKey) : '';
    message.classList.toggle('error', next === 'error');
  }

  // ---------------------------------------------------------------- compliance
  function renderCompliance() {
    if (!compliance) {
      ringsBox.replaceChildren();
      villagesBox.replaceChildren();
      worstBox.replaceChildren();
      return;
    }
    const rings = compliance.rings ?? [];
    ringsBox.replaceChildren(renderRings(rings, selected, selectRing));
    const ring = rings.find((r) => r.ring === selected) ?? rings[0];
    villagesBox.replaceChildren(ring ? renderVillages(ring) : '');
    worstBox.replaceChildren(ring ? renderWorst(ring, zoomToOffender) : '');
  }

  function selectRing(number) {
    selected = number;
    renderCompliance();
  }

  function zoomToOffender(offender) {
    const geometry = { type: 'Point', coordinates: [offender.lon, offender.lat] };
    highlight.showGeoJSON({ type: 'Feature', geometry, properties: {} });
    const at = fromLonLat([offender.lon, offender.lat]);
    fitExtent([at[0], at[1], at[0], at[1]], { maxZoom: 17 });
  }

  async function loadCompliance() {
    setState('loading', 'coverage.loading');
    try {
      const [body] = await Promise.all([fetchCompliance({ worst: 10 }), loadRingPolicy()]);
      if (!active) return null;
      compliance = body;
      if (!(compliance.rings ?? []).some((r) => r.ring === selected)) selected = compliance.rings?.[0]?.ring ?? 4;
      renderCompliance();
      setState('ready');
      return compliance;
    } catch {
      if (active) setState('error', 'coverage.error');
      return null;
    }
  }

  // ---------------------------------------------------------------- layers
  // A toggle that needs a closer zoom says so, with the way there: it does not stay "on" with nothing drawn.
  function renderHouseholdsNote(s = households.state()) {
    const on = toggles.households.checked;
    const waiting = on && s.zoomedOut;
    toggles.households.closest('label').classList.toggle('waiting', waiting);
    householdsNote.dataset.state = waiting ? 'zoom' : on && !s.loading ? 'shown' : '';
    if (waiting) {
      const zoomIn = element('button', { type: 'button', class: 'link-button', 'data-testid': 'households-zoom-in',
        text: t('coverage.households.zoomIn') });
      zoomIn.addEventListener('click', () => {
        const view = map.getView();
        view.animate({ zoom: Math.max(view.getZoom() ?? 0, MIN_ZOOM + 0.5), duration: 250 });
      });
      householdsNote.replaceChildren(element('span', { text: t('coverage.households.zoom') }), ' ', zoomIn);
    } else if (on && !s.loading) {
      householdsNote.replaceChildren(tf('coverage.households.count', { n: formatNumber(s.count) }));
    } else {
      householdsNote.replaceChildren();
    }
    householdsNote.hidden = !householdsNote.childNodes.length;
  }

  /** The suggested sites as a list a person reads: where (village · grid) and what each adds; a click goes there. */
  function renderSuggestionList(on) {
    const sites = on ? suggestions.answer()?.suggestions ?? [] : [];
    suggestionsList.replaceChildren(...sites.map((site) => {
      const where = site.grid ? `${site.village ? `${placeName(site.village)} · ` : ''}${placeName(site.grid)}` : t('coverage.site.nowhere');
      const button = element('button', { type: 'button', class: 'site-item', 'data-testid': 'suggestion-item', 'data-rank': site.rank },
        element('span', { class: 'rank', text: String(site.rank) }),
        element('span', { class: 'name', 'data-testid': 'suggestion-where', text: where }),
        element('span', { class: 'meta', text: tf('coverage.site.adds', { households: formatNumber(site.households), people: formatNumber(site.people) }) }),
        element('span', { class: 'meta', text: formatLonLat([site.lon, site.lat]) }));
      button.addEventListener('click', () => {
        const at = fromLonLat([site.lon, site.lat]);
        fitExtent([at[0], at[1], at[0], at[1]], { maxZoom: 17 });
      });
      return element('li', {}, button);
    }));
    suggestionsList.hidden = !sites.length;
  }

  function renderHouseholdsLegend() {
    const limit = households.limit();
    const rgb = (s) => `rgb(${timeColor(s, limit).join(',')})`;
    householdsLegend.replaceChildren(
      swatchItem(rgb(0), tf('legend.time.ok', { t: formatLimit(limit) })),
      swatchItem(rgb(limit * 1.3), tf('legend.time.late', { a: formatLimit(limit), b: formatLimit(limit * 2) })),
      swatchItem(rgb(limit * 2), tf('legend.time.far', { t: formatLimit(limit * 2) })),
      swatchItem(rgb(null), t('legend.time.none')),
    );
    householdsLegend.hidden = !toggles.households.checked;
  }

  /** Fits the view to an extent unless it is already all in sight. */
  function keepInSight(extent) {
    if (extent) fitExtent(extent, { maxZoom: 16, margin: 30, ifHidden: true });
  }

  /** A request dropped because a newer one replaced it is not a failure to show. */
  function superseded(error) {
    return error?.name === 'AbortError';
  }

  async function applyToggle(name) {
    const on = active && toggles[name].checked;
    if (name === 'gaps') {
      try {
        await gaps.setVisible(on);
      } catch (error) {
        if (!superseded(error)) setState(state, 'coverage.error');
      }
    } else if (name === 'households') {
      renderHouseholdsLegend();
      await households.setVisible(on);
      renderHouseholdsNote();
    } else if (name === 'suggestions') {
      suggestions.setVisible(on);
      countSelect.disabled = !toggles.suggestions.checked;
      if (on) {
        try {
          await suggestions.load(Number(countSelect.value) || 3);
          keepInSight(suggestions.extent());
        } catch (error) {
          if (!superseded(error)) setState(state, 'coverage.error');
        }
      }
      suggestionsSummary.textContent = on ? suggestions.summary() : '';
      suggestionsSummary.hidden = !on;
      renderSuggestionList(on);
    }
    if (!on) popup.hide();
  }

  for (const name of Object.keys(toggles)) toggles[name].addEventListener('change', () => applyToggle(name));
  countSelect.addEventListener('change', () => applyToggle('suggestions'));

  // ---------------------------------------------------------------- a facility's reach
  function renderIsochrone() {
    isochroneBox.dataset.state = isochroneState.state;
    isochroneBox.replaceChildren(...renderReach(isochroneState, () => {
      isochrone.clear();
      isochroneState = { state: 'hint' };
      renderIsochrone();
    }));
  }

  async function showReach(facility) {
    isochroneState = { state: 'loading' };
    renderIsochrone();
    try {
      const reach = await isochrone.show(facility);
      if (!active) return null;
      isochroneState = { state: 'ready', reach };
      renderIsochrone();
      if (reach?.extent) fitExtent(reach.extent, { maxZoom: 17 });
      return reach;
    } catch {
      isochroneState = { state: 'error' };
      renderIsochrone();
      return null;
    }
  }

  // ---------------------------------------------------------------- clicks on the map
  function featureAt(pixel, layer) {
    if (!layer.getVisible()) return null;
    return map.forEachFeatureAtPixel(pixel, (f) => f, { hitTolerance: 6, layerFilter: (l) => l === layer }) ?? null;
  }

  function click(event) {
    const site = featureAt(event.pixel, suggestions.layer);
    if (site) {
      popup.show(site.getGeometry().getCoordinates(), () => suggestions.popup(site));
      return true;
    }
    const facility = pickFacility(event.pixel);
    if (facility) {
      popup.hide();
      showReach(facility.get('code') || facility.getId());
      return true;
    }
    const gap = featureAt(event.pixel, gaps.layer);
    if (gap) {
      popup.show(event.coordinate, () => gaps.popup(gap));
      return true;
    }
    popup.hide();
    return true;
  }

  $('exit').addEventListener('click', () => onExit?.());
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.target.closest('select')) onExit?.();
  });
  onLanguageChange(() => {
    renderCompliance();
    renderIsochrone();
    renderHouseholdsNote();
    renderHouseholdsLegend();
    if (toggles.suggestions.checked) suggestionsSummary.textContent = suggestions.summary();
    renderSuggestionList(toggles.suggestions.checked);
    popup.refresh();
    if (state === 'loading') setState('loading', 'coverage.loading');
    if (state === 'error') setState('error', 'coverage.error');
  });

  countSelect.replaceChildren(...Array.from({ length: 10 }, (_, i) => element('option', {
    value: i + 1, text: String(i + 1), selected: i + 1 === 3 })));
  countSelect.disabled = true;
  renderIsochrone();

  return {
    enter() {
      active = true;
      root.hidden = false;
      isochrone.layer.setVisible(true);
      ready = loadCompliance();
      for (const name of Object.keys(toggles)) applyToggle(name);
    },
    exit() {
      active = false;
      root.hidden = true;
      popup.hide();
      gaps.setVisible(false);
      households.setVisible(false);
      suggestions.setVisible(false);
      isochrone.clear();
      isochrone.layer.setVisible(false);
      isochroneState = { state: 'hint' };
      renderIsochrone();
      highlight.clear();
    },
    click,
    /** Resolves with the compliance answer once it is shown. */
    whenReady: () => ready,
    selectRing,
    showReach,
    /** Turns a layer toggle on or off as a click would; resolves once its data is drawn. */
    async setLayer(name, on, { count } = {}) {
      if (count) countSelect.value = String(count);
      toggles[name].checked = on;
      await applyToggle(name);
    },
    compliance: () => compliance,
    minHouseholdZoom: MIN_ZOOM,
  };
}
