// "Who can help?" in the villager's mode: pick a skill (the server's volunteerSkills) and get the nearest
// volunteers offering it by walking time (GET /api/volunteers/nearest), each with the service point to contact;
// the walk to the one chosen is drawn on the map (the first at once).

import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import Style from 'ol/style/Style.js';
import Stroke from 'ol/style/Stroke.js';
import { getJSON } from './api.js';
import { element } from './dom.js';
import { onLanguageChange, t, tf } from './i18n.js';
import { formatDistance, formatDuration } from './units.js';
import { loadVocabulary, wordIds, wordName } from './vocabulary.js';
import { NETWORK_COLORS } from './network-styles.js';

const geojson = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });
const WALK = [
  new Style({ stroke: new Stroke({ color: 'rgba(255,255,255,0.95)', width: 8 }) }),
  new Style({ stroke: new Stroke({ color: NETWORK_COLORS.volunteers, width: 4.5, lineDash: [10, 6] }) }),
];

/** The question for a place and a skill (k nearest, 3 by default). */
export function volunteersUrl([lon, lat], skill, k = 3) {
  return `/api/volunteers/nearest?lon=${lon.toFixed(7)}&lat=${lat.toFixed(7)}&skill=${encodeURIComponent(skill)}&k=${k}`;
}

export function createVolunteerFinder(map) {
  const source = new VectorSource();
  const layer = new VectorLayer({ source, zIndex: 84, style: WALK, visible: false, properties: { name: 'volunteer-walk' } });
  map.addLayer(layer);
  const root = element('section', { class: 'answer-section volunteer-finder', 'data-testid': 'volunteer-finder' });
  const state = { lonLat: null, skill: '', status: 'idle', answer: null, chosen: 0 };
  let controller = null;
  const waiters = [];

  function draw() {
    source.clear();
    const v = state.answer?.volunteers?.[state.chosen];
    if (v?.route) source.addFeature(geojson.readFeature({ type: 'Feature', geometry: v.route, properties: {} }));
  }

  function item(v, i) {
    const card = v.volunteer;
    const li = element('li', { class: `volunteer${i === state.chosen ? ' chosen' : ''}`, 'data-testid': 'volunteer-item',
      'data-id': String(card.id), 'data-seconds': String(v.travelSeconds) },
    element('button', { type: 'button', class: 'volunteer-pick', 'aria-pressed': String(i === state.chosen) },
      element('span', { class: 'name', text: card.name ?? t('volunteers.anonymous') }),
      element('span', { class: 'meta', 'data-testid': 'volunteer-walk',
        text: tf('volunteers.walk', { t: formatDuration(v.travelSeconds), d: formatDistance(v.distanceMeters) }) }),
      element('span', { class: 'meta', text: tf('volunteers.at', { point: card.point?.name ?? card.point?.code ?? '' }) }),
      element('span', { class: 'meta skills', text: (card.skills ?? []).map((s) => wordName('volunteerSkills', s) ?? s).join('、') })));
    li.querySelector('button').addEventListener('click', () => {
      state.chosen = i;
      draw();
      render();
    });
    return li;
  }

  function render() {
    const select = element('select', { 'data-testid': 'volunteer-skill', id: 'volunteer-skill' },
      element('option', { value: '', text: t('volunteers.pick') }),
      ...wordIds('volunteerSkills').map((id) => element('option', { value: id, text: wordName('volunteerSkills', id) ?? id })));
    select.value = state.skill;
    select.addEventListener('change', () => ask(select.value));
    const list = state.answer?.volunteers ?? [];
    const message = { loading: 'volunteers.loading', error: 'volunteers.error' }[state.status]
      ?? (state.status === 'ready' && !list.length ? 'volunteers.none' : null);
    root.dataset.state = state.status;
    const parts = [
      element('h3', { text: t('volunteers.title') }),
      element('label', { for: 'volunteer-skill', class: 'field-label', text: t('volunteers.skill') }),
      select,
      message ? element('p', { class: 'note', role: 'status', 'data-testid': 'volunteer-message', text: t(message) }) : null,
      list.length ? element('p', { class: 'hint', text: t('volunteers.hint') }) : null,
      list.length ? element('ol', { class: 'volunteers', 'data-testid': 'volunteer-list' }, ...list.map(item)) : null,
    ];
    // replaceChildren would write a null as the text "null"
    root.replaceChildren(...parts.filter(Boolean));
  }

  async function ask(skill) {
    state.skill = skill;
    state.answer = null;
    state.chosen = 0;
    controller?.abort();
    source.clear();
    if (!skill || !state.lonLat) {
      state.status = 'idle';
      render();
      return;
    }
    controller = new AbortController();
    const { signal } = controller;
    state.status = 'loading';
    render();
    try {
      state.answer = await getJSON(volunteersUrl(state.lonLat, skill), { signal });
      state.status = 'ready';
    } catch {
      if (signal.aborted) return;
      state.status = 'error';
    }
    draw();
    render();
    for (const resolve of waiters.splice(0)) resolve({ status: state.status, count: state.answer?.volunteers?.length ?? 0 });
  }

  loadVocabulary().then(() => render());
  onLanguageChange(render);

  return {
    /** The panel's section for the place the villager asked about (kept across redraws of the answer). */
    section(lonLat) {
      if (!state.lonLat || lonLat[0] !== state.lonLat[0] || lonLat[1] !== state.lonLat[1]) {
        state.lonLat = lonLat;
        if (state.skill) ask(state.skill); else render();
      }
      return root;
    },
    render,
    setVisible(visible) { layer.setVisible(visible); },
    clear() {
      controller?.abort();
      Object.assign(state, { lonLat: null, status: 'idle', answer: null, chosen: 0 });
      source.clear();
      render();
    },
    /** Resolves with {status, count} once the next answer is drawn. */
    whenAnswered() { return new Promise((resolve) => waiters.push(resolve)); },
  };
}
