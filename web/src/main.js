// The web map viewer: puts the map, the layers and the panels together (and, when asked, window.gridmap).

import 'ol/ol.css';
import './main.css';
import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import Zoom from 'ol/control/Zoom.js';
import ScaleLine from 'ol/control/ScaleLine.js';
import Attribution from 'ol/control/Attribution.js';
import { defaults as defaultInteractions } from 'ol/interaction/defaults.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { fromLonLat, transformExtent } from 'ol/proj.js';
import { isEmpty } from 'ol/extent.js';
import { applyTranslations, language, onLanguageChange, setLanguage, t, toggleLanguage } from './i18n.js';
import { fetchConfig, fetchTileJson, fetchTowns, fetchVillages, tiandituKeyOf } from './api.js';
import { collectionOf, createOnlineBasemaps, createTileLayers, createTileSource, PICK_ORDER, TILE_URL } from './layers.js';
import { createHighlight } from './highlight.js';
import { createPanel } from './panel.js';
import { createSearch } from './search.js';
import { createSwitcher } from './switcher.js';
import { loadVocabulary } from './vocabulary.js';
import { createCoordinates } from './coords.js';
import { followView, viewFromAddress } from './permalink.js';
import { createRouteLayer } from './route.js';
import { createVillagerMode } from './villager.js';
import { BROWSE, createModes } from './modes.js';
import { createAuth } from './auth.js';
import { lazyMode } from './lazy-mode.js';
import { createSheets } from './sheet.js';
import { forgetHazardZones } from './hazard-warnings.js';
import { createViewFit } from './view-fit.js';
import { createModeAccess } from './mode-access.js';

const FALLBACK_CENTER = [106.3467, 29.361]; // Taojia town centre
const PHONE = window.matchMedia('(max-width: 700px)');
const $ = (selector) => document.querySelector(selector);

applyTranslations();

// ------------------------------------------------------------------ map and controls
const zoom = new Zoom({ zoomInTipLabel: t('zoom.in'), zoomOutTipLabel: t('zoom.out') });
const map = new OlMap({
  target: 'map',
  controls: [
    zoom,
    new ScaleLine({ units: 'metric', minWidth: 80 }),
    new Attribution({ collapsible: true, collapsed: true }),
  ],
  // OpenLayers' own default listens to drags and the wheel only while the map element has the focus (it has
  // a tabindex for keyboard panning): a person would have to click the map first, and again after every use
  // of the search box or a panel. The map moves at once instead.
  interactions: defaultInteractions({ onFocusOnly: false }),
  view: new View({ center: fromLonLat(FALLBACK_CENTER), zoom: 13, maxZoom: 20, minZoom: 3 }),
});

function translateControls() {
  for (const [selector, key] of [['.ol-zoom-in', 'zoom.in'], ['.ol-zoom-out', 'zoom.out']]) {
    const button = map.getViewport().querySelector(selector);
    if (!button) continue;
    button.title = t(key);
    button.setAttribute('aria-label', t(key));
  }
}
translateControls();

const source = createTileSource(null);
const { layers: tileLayers, labels: labelLayer, towns: townOutlines } = createTileLayers(source);
const tileLayerSet = new Set(tileLayers.values());
let zIndex = 10;
for (const layer of tileLayers.values()) layer.setZIndex(zIndex++);
labelLayer.setZIndex(zIndex);

townOutlines.setZIndex(11.5);
// The first towns' full outlines, to fit the view at start; not drawn: the tiles draw every town (townOutlines).
const townLayer = new VectorLayer({
  source: new VectorSource(),
  visible: false,
  properties: { name: 'town' },
});
map.addLayer(townLayer);

const highlight = createHighlight(map);
const status = $('#status');

let statusTimer = 0;
function setStatus(key, { error = false, forMs = 0 } = {}) {
  clearTimeout(statusTimer);
  status.dataset.key = key ?? '';
  status.textContent = key ? t(key) : '';
  status.hidden = !key;
  status.classList.toggle('error', error);
  if (key && forMs) statusTimer = setTimeout(() => { if (status.dataset.key === key) setStatus(null); }, forMs);
}
setStatus('status.loading');

// ------------------------------------------------------------------ fitting the view
const { zoomTo, padding } = createViewFit(map, PHONE);

// ------------------------------------------------------------------ panels
const panel = createPanel($('#feature-panel'), { highlight, zoomTo });
createSheets();
const online = { choose: () => {}, current: () => 'none', tiandituAvailable: false };
const switcher = createSwitcher($('#layer-switcher'), $('#layers-button'), { tileLayers, online });

function pick(pixel) {
  const hits = [];
  map.forEachFeatureAtPixel(pixel, (feature) => {
    hits.push(feature);
  }, { hitTolerance: 4, layerFilter: (layer) => tileLayerSet.has(layer) });
  const rank = (f) => {
    const i = PICK_ORDER.indexOf(f.get('layer'));
    return i < 0 ? PICK_ORDER.length : i;
  };
  hits.sort((a, b) => rank(a) - rank(b));
  return hits[0] ?? null;
}

/** Selects the topmost feature at a pixel: highlight plus panel. Resolves when the panel is complete. */
async function selectFeatureAt(pixel) {
  const feature = Array.isArray(pixel) ? pick(pixel) : null;
  if (!feature) {
    panel.close();
    return null;
  }
  const layerName = feature.get('layer');
  const properties = { ...feature.getProperties() };
  delete properties.layer;
  const aggregate = layerName === 'households' && properties.count !== undefined && properties.count !== null;
  const id = aggregate ? null : (feature.getId() ?? properties.id ?? null);
  const shown = await panel.show({
    collection: collectionOf(layerName), id, properties, renderFeature: feature, aggregate,
  });
  return shown && { layer: layerName, collection: shown.collection, id: shown.id, state: shown.state,
    properties: shown.properties };
}

// ------------------------------------------------------------------ modes: villager, coverage, planner, monitor
const facilityLayer = tileLayers.get('facilities');
const gridLayer = tileLayers.get('grids');

/** The grid drawn by the tiles at a pixel (with id, code, village_code), or null. */
function pickGrid(pixel) {
  return map.forEachFeatureAtPixel(pixel, (f) => (f.get('layer') === 'grids' ? f : undefined),
    { hitTolerance: 0, layerFilter: (l) => l === gridLayer }) ?? null;
}

/** Reloads the vector tiles after an edit (a new address, so no cached tile is reused). */
let tileRevision = 0;
function refreshTiles() {
  tileRevision++;
  source.setUrl(`${TILE_URL}?v=${Date.now().toString(36)}${tileRevision}`);
  forgetHazardZones();
}

const auth = createAuth($('#login-dialog'), $('#account'));

/** The facility drawn at a pixel (a tile feature with code, name, level), or null. */
function pickFacility(pixel) {
  if (!facilityLayer.getVisible()) return null;
  return map.forEachFeatureAtPixel(pixel, (f) => (f.get('layer') === 'facilities' ? f : undefined),
    { hitTolerance: 5, layerFilter: (l) => l === facilityLayer }) ?? null;
}

const route = createRouteLayer(map);
const exitMode = () => modes.set(BROWSE);
const villager = createVillagerMode($('#villager-panel'), { map, route, fitExtent: zoomTo, onExit: exitMode });
// the planners', monitors' and officials' modes load when first used: a villager's phone fetches none of them
const coverage = lazyMode(() => import('./coverage.js').then(({ createCoverageMode }) =>
  createCoverageMode($('#coverage-panel'), { map, highlight, pickFacility, fitExtent: zoomTo, onExit: exitMode })));
const planner = lazyMode(() => import('./planner.js').then(({ createPlannerMode }) =>
  createPlannerMode($('#planner-panel'), { map, auth, pickGrid, refreshTiles, fitExtent: zoomTo, onExit: exitMode })));
const monitor = lazyMode(() => import('./monitor.js').then(({ createMonitorMode }) =>
  createMonitorMode($('#monitor-panel'), { map, auth, refreshTiles, fitExtent: zoomTo, onExit: exitMode })));
const errands = lazyMode(() => import('./errands.js').then(({ createErrandsMode }) =>
  createErrandsMode($('#errands-panel'), { auth, onExit: exitMode, map, fitExtent: zoomTo, pickFacility })));
const station = lazyMode(() => import('./station.js').then(({ createStationMode }) =>
  createStationMode($('#station-panel'), { map, onExit: exitMode })));
// visits: completion for everyone, "my grid" for its staff (the mode asks for the login itself)
const visits = lazyMode(() => import('./visits.js').then(({ createVisitsMode }) =>
  createVisitsMode($('#visits-panel'), { map, auth, fitExtent: zoomTo, onExit: exitMode })));

const access = createModeAccess({ auth, modes: () => modes, setStatus });
const modes = createModes($('#mode-bar'), { villager, coverage, planner, monitor, errands, station, visits }, {
  guard: access.guard,
  onChange() {
    panel.close();
    if (String(status.dataset.key).startsWith('mode.')) setStatus(null);
    if (PHONE.matches) switcher.setOpen(false);
  },
});

access.follow();

map.on('singleclick', (event) => {
  // on a phone the layer sheet covers the map: a tap on the map puts it away
  if (PHONE.matches) switcher.setOpen(false);
  if (modes.click(event)) {
    // the mode's own panel answers: the feature panel (opened by a search) makes way for it
    if (panel.current()) panel.close();
    return;
  }
  selectFeatureAt(event.pixel);
});

/** Whether a click at pixel does something in the current mode (for the pointer cursor). */
function clickable(pixel) {
  const mode = modes.current();
  if (mode === 'villager' || mode === 'monitor' || mode === 'errands' || mode === 'station' || mode === 'visits') return false;
  if (mode === 'planner') {
    return map.hasFeatureAtPixel(pixel, { hitTolerance: 2, layerFilter: (l) => l.get('name') === 'planner-grids' })
      || Boolean(pickGrid(pixel));
  }
  if (mode === 'coverage') {
    return Boolean(pickFacility(pixel)) || map.hasFeatureAtPixel(pixel, { hitTolerance: 4,
      layerFilter: (l) => l.get('name') === 'suggestions' || l.get('name') === 'coverage-gaps' });
  }
  return map.hasFeatureAtPixel(pixel, { hitTolerance: 4, layerFilter: (l) => tileLayerSet.has(l) });
}

let hoverFrame = 0;
map.on('pointermove', (event) => {
  if (event.dragging || hoverFrame) return;
  hoverFrame = requestAnimationFrame(() => {
    hoverFrame = 0;
    map.getViewport().style.cursor = clickable(event.pixel) ? 'pointer' : '';
  });
});

// ------------------------------------------------------------------ search
async function openResult(result) {
  searchBox.close();
  if (Array.isArray(result.bbox) && result.bbox.length === 4) {
    zoomTo(transformExtent(result.bbox, 'EPSG:4326', 'EPSG:3857'));
  } else if (Array.isArray(result.center)) {
    map.getView().animate({ center: fromLonLat(result.center), zoom: 16, duration: 450 });
  }
  const shown = await panel.show({
    collection: result.collection,
    id: result.id,
    properties: { name: result.name, code: result.code },
  });
  // the panel may have changed the room left for the map on a phone: keep the feature in sight
  if (PHONE.matches && Array.isArray(result.bbox)) zoomTo(transformExtent(result.bbox, 'EPSG:4326', 'EPSG:3857'));
  return shown;
}
const searchBox = createSearch($('#search'), { onChoose: openResult });

// ------------------------------------------------------------------ language
const languageButton = $('#language-switch');
languageButton.addEventListener('click', toggleLanguage);
onLanguageChange(() => {
  translateControls();
  for (const layer of tileLayers.values()) layer.changed();
  labelLayer.changed();
  if (status.dataset.key) setStatus(status.dataset.key, { error: status.classList.contains('error') });
});

createCoordinates(map, $('#coordinates'));

// ------------------------------------------------------------------ export and print (the coverage panel)
for (const link of document.querySelectorAll('[data-role^="export-"]')) {
  // the tables in the reader's language
  link.addEventListener('click', () => {
    const url = new URL(link.href);
    url.searchParams.set('lang', language() === 'en' ? 'en' : 'zh');
    link.href = url.pathname + url.search;
  });
}
document.querySelector('[data-role="print"]')?.addEventListener('click', () => window.print());
// the print layout gives the map another size: draw it for the page, then for the screen again
window.addEventListener('beforeprint', () => map.updateSize());
window.addEventListener('afterprint', () => map.updateSize());

// ------------------------------------------------------------------ start
let resolveReady;
const ready = new Promise((resolve) => { resolveReady = resolve; });
const tiles = { loaded: 0, failed: 0 };
source.on('tileloadend', () => { tiles.loaded++; });
source.on('tileloaderror', () => {
  tiles.failed++;
  setStatus('status.tilesFailed', { error: true });
});

let tileLayersAdded = false;
function addTileLayers() {
  if (tileLayersAdded) return;
  tileLayersAdded = true;
  for (const layer of tileLayers.values()) map.addLayer(layer);
  map.addLayer(townOutlines);
  map.addLayer(labelLayer);
}

async function start() {
  // the tiles wait only for what decides the view (the address, else the town's outline), not for the config
  // or the word lists; the legend and the hazard styles are redrawn once the lists arrive
  const config = fetchConfig();
  loadVocabulary().catch(() => null).then(() => {
    switcher.refresh();
    for (const layer of tileLayers.values()) layer.changed();
  });
  const addressed = viewFromAddress();
  if (addressed) {
    map.getView().setCenter(addressed.center);
    map.getView().setZoom(addressed.zoom);
    addTileLayers();
  }
  const towns = await fetchTowns().catch(() => null);
  let fitted = Boolean(addressed);
  if (towns?.features?.length) {
    const features = new GeoJSON().readFeatures(towns, { dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });
    townLayer.getSource().addFeatures(features);
    const extent = townLayer.getSource().getExtent();
    if (!fitted && !isEmpty(extent)) {
      map.getView().fit(extent, { padding: padding(), maxZoom: 16 });
      fitted = true;
    }
  }
  if (!fitted) {
    const tileJson = await fetchTileJson().catch(() => null);
    if (Array.isArray(tileJson?.bounds)) {
      map.getView().fit(transformExtent(tileJson.bounds, 'EPSG:4326', 'EPSG:3857'), { padding: padding() });
    }
    setStatus('status.townFailed', { error: true });
  }

  addTileLayers();
  followView(map);
  config.then((body) => {
    Object.assign(online, createOnlineBasemaps(map, tiandituKeyOf(body)));
    switcher.refresh();
  });

  const onRendered = () => {
    if (tiles.loaded + tiles.failed === 0) return;
    map.un('rendercomplete', onRendered);
    if (status.dataset.key === 'status.loading') setStatus(null);
    resolveReady({ ...tiles });
  };
  map.on('rendercomplete', onRendered);
  setTimeout(() => {
    map.un('rendercomplete', onRendered);
    if (status.dataset.key === 'status.loading') setStatus(null);
    resolveReady({ ...tiles, timedOut: true });
  }, 20000);

  fetchVillages()
    .then((body) => {
      const villages = (body?.features ?? []).map((f) => f.properties ?? {})
        .filter((p) => p.code)
        .sort((a, b) => String(a.code).localeCompare(String(b.code)));
      switcher.setVillages(villages);
    })
    .catch(() => {});
}
start();

// ------------------------------------------------------------------ hooks for tests and the console
/**
 * The hooks the browser tests (and a developer at the console) drive the map with (test-hooks.js). Not loaded
 * for people using the map: only in a browser under automation (navigator.webdriver), or when asked with
 * ?testhooks=1 or localStorage 'gridmap.testhooks' = '1'.
 */
function testHooksWanted() {
  if (navigator.webdriver) return true;
  if (new URLSearchParams(location.search).get('testhooks') === '1') return true;
  try {
    return localStorage.getItem('gridmap.testhooks') === '1';
  } catch {
    return false;
  }
}

if (testHooksWanted()) {
  import('./test-hooks.js').then(({ installTestHooks }) => installTestHooks({
    map, pick, tileLayers, ready, selectFeatureAt, searchBox, openResult, language, setLanguage, panel, modes,
    villager, coverage, planner, monitor, auth, refreshTiles, fromLonLat, errands,
  }));
}
