// Villager mode ("我在哪里"): a tap on the map, or the device's location, asks the server for the nearest
// service point; the walk is drawn and the panel (a bottom sheet on a phone) tells time, grid, staff and chain.

import { toLonLat } from 'ol/proj.js';
import { fetchNearest, getJSON } from './api.js';
import { currentLocation } from './geolocate.js';
import { onLanguageChange, t } from './i18n.js';
import { loadRingPolicy } from './rings.js';
import { renderAnswer } from './villager-panel.js';
import { hazardsFor, openHazardZones } from './hazard-warnings.js';
import { createClosedRoadsLayer } from './closed-roads.js';
import { createHazardLayer } from './hazard-layer.js';
import { createVolunteerFinder } from './volunteer-finder.js';

/** States after which an answer (or its failure) is on screen. */
const SETTLED = new Set(['ready', 'unreachable', 'outside', 'error', 'geo-error']);

export function createVillagerMode(root, { map, route, fitExtent, onExit }) {
  const body = root.querySelector('[data-role="answer"]');
  const message = root.querySelector('[data-role="message"]');
  const hint = root.querySelector('[data-role="hint"]');
  const locateButton = root.querySelector('[data-role="locate"]');
  const exitButton = root.querySelector('[data-role="exit"]');

  let current = { state: 'idle' };
  let controller = null;
  let active = false;
  const waiters = [];
  const extrasWaiters = [];
  const hazardZones = createHazardLayer(map, { name: 'villager-hazards', zIndex: 85 });
  const closedRoads = createClosedRoadsLayer(map, { zIndex: 57 });
  const volunteers = createVolunteerFinder(map);

  /** The roads closed by every open hazard, drawn for the villager too: they are the roads not to take. */
  async function drawClosedRoads() {
    delete root.dataset.closedRoads;
    const blocking = (await openHazardZones()).filter((z) => Number(z.hazard.closedRoads) > 0);
    const list = await Promise.all(blocking.map(({ hazard, zone }) =>
      getJSON(`/api/hazards/${encodeURIComponent(hazard.id)}/impact?households=0`)
        .then((impact) => ({ zone, closedIds: impact?.closedRoadIds ?? [] }))
        .catch(() => ({ zone, closedIds: [] }))));
    if (!active) return;
    const n = await closedRoads.showMany(list);
    if (active) root.dataset.closedRoads = String(n);
  }

  function render() {
    const { state, answer, messageKey } = current;
    root.dataset.state = state;
    locateButton.disabled = state === 'locating';
    locateButton.classList.toggle('compact', Boolean(answer));
    const key = messageKey ?? (state === 'locating' ? 'villager.locating' : state === 'loading' ? 'villager.loading' : null);
    message.hidden = !key;
    message.textContent = key ? t(key) : '';
    message.classList.toggle('error', ['unreachable', 'outside', 'error', 'geo-error'].includes(state));
    hint.textContent = t(answer ? 'villager.again' : 'villager.hint');
    body.replaceChildren(...(answer ? renderAnswer(answer, current.extras ?? null) : []),
      ...(answer && current.lonLat ? [volunteers.section(current.lonLat)] : []));
  }

  /** After an answer: hazards threatening the home or the walk, and the grid's live staff cards. */
  async function addExtras(lonLat, answer, signal) {
    let extras = null;
    try {
      extras = await hazardsFor(lonLat, answer, signal);
    } catch {
      extras = null;
    }
    if (signal.aborted || !active || current.answer !== answer) return;
    current = { ...current, extras };
    hazardZones.show(extras?.zones ?? []);
    render();
    const detail = { home: extras?.home?.length ?? 0, route: extras?.route?.length ?? 0, staff: extras?.staff?.length ?? null };
    for (const resolve of extrasWaiters.splice(0)) resolve(detail);
    window.dispatchEvent(new CustomEvent('gridmap:villager-extras', { detail }));
  }

  function settle(next) {
    current = next;
    render();
    if (!SETTLED.has(next.state)) return;
    const detail = { state: next.state, answer: next.answer ?? null, messageKey: next.messageKey ?? null };
    for (const resolve of waiters.splice(0)) resolve(detail);
    window.dispatchEvent(new CustomEvent('gridmap:nearest', { detail }));
  }

  /** Asks for the nearest service point from [lon, lat] and draws the answer. */
  async function locate(lonLat) {
    if (!active) return current;
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    route.showOrigin(lonLat);
    hazardZones.clear();
    settle({ state: 'loading' });
    await loadRingPolicy();
    let answer;
    try {
      answer = await fetchNearest(lonLat, { k: 3, signal });
    } catch (error) {
      if (signal.aborted) return current;
      const outside = error?.status === 422 && (error.code === 'outside_town' || !error.code);
      settle({ state: outside ? 'outside' : 'error', messageKey: outside ? 'villager.outside' : 'villager.error' });
      return current;
    }
    if (signal.aborted || !active) return current;
    if (!answer.reachable) {
      const at = route.showOrigin(answer.origin ?? lonLat);
      settle({ state: 'unreachable', answer, lonLat, messageKey: answer.snapped ? 'villager.cutOff' : 'villager.noRoad' });
      fitExtent(at, { maxZoom: 16, ifHidden: true });
      addExtras(lonLat, answer, signal);
      return current;
    }
    const extent = route.showAnswer(answer);
    settle({ state: 'ready', answer, lonLat });
    addExtras(lonLat, answer, signal);
    // room around the route for the markers and the service point's name
    if (extent) fitExtent(extent, { maxZoom: 18, margin: 36 });
    return current;
  }

  async function useDeviceLocation() {
    controller?.abort();
    controller = null;
    settle({ state: 'locating', answer: current.answer });
    try {
      const lonLat = await currentLocation();
      if (!active) return current;
      return locate(lonLat);
    } catch (error) {
      if (!active) return current;
      settle({ state: 'geo-error', answer: current.answer, messageKey: `geo.${error?.reason ?? 'unavailable'}` });
      return current;
    }
  }

  locateButton.addEventListener('click', () => useDeviceLocation());
  exitButton.addEventListener('click', () => onExit?.());
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') onExit?.();
  });
  onLanguageChange(render);

  return {
    enter() {
      active = true;
      current = { state: 'idle' };
      render();
      root.hidden = false;
      map.getViewport().classList.add('locating');
      hazardZones.setVisible(true);
      closedRoads.setVisible(true);
      volunteers.setVisible(true);
      drawClosedRoads();
      loadRingPolicy();
    },
    exit() {
      active = false;
      controller?.abort();
      controller = null;
      route.clear();
      hazardZones.clear();
      hazardZones.setVisible(false);
      closedRoads.clear();
      closedRoads.setVisible(false);
      volunteers.clear();
      volunteers.setVisible(false);
      delete root.dataset.closedRoads;
      root.hidden = true;
      map.getViewport().classList.remove('locating');
      current = { state: 'idle' };
      render();
    },
    /** A tap on the map in this mode: "I am here". */
    click(event) {
      locate(toLonLat(event.coordinate));
      return true;
    },
    locate,
    useDeviceLocation,
    /** Resolves with {state, answer, messageKey} once the next answer (or failure) is drawn. */
    whenDrawn() {
      return new Promise((resolve) => waiters.push(resolve));
    },
    /** Resolves with {home, route, staff} counts once the hazard warnings and staff cards of the next answer are in. */
    whenExtras() {
      return new Promise((resolve) => extrasWaiters.push(resolve));
    },
    current: () => current,
    /** "Who can help?": resolves with {status, count} once the next volunteers' answer is drawn. */
    whenVolunteers: () => volunteers.whenAnswered(),
  };
}
