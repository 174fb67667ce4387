// Households coloured by their walk to the nearest service point: green within the promise, then yellow
// to red, grey when no point can be reached. Only when zoomed in (there are thousands); refetched on moveend.

import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import Style from 'ol/style/Style.js';
import Stroke from 'ol/style/Stroke.js';
import Fill from 'ol/style/Fill.js';
import CircleStyle from 'ol/style/Circle.js';
import { transformExtent } from 'ol/proj.js';
import { fetchHouseholdTimes } from './api.js';

export const MIN_ZOOM = 14;
const DEFAULT_LIMIT = 300;
const GREEN = [46, 157, 79];
const YELLOW = [242, 198, 24];
const RED = [215, 48, 31];
const GREY = [150, 150, 150];
const geojson = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

function mix(a, b, f) {
  return a.map((v, i) => Math.round(v + (b[i] - v) * f));
}

/** The colour of a walk of `seconds` against a promise of `limit` seconds. */
export function timeColor(seconds, limit = DEFAULT_LIMIT) {
  if (seconds === null || seconds === undefined || !Number.isFinite(Number(seconds))) return GREY;
  const s = Number(seconds);
  if (s <= limit) return GREEN;
  const f = Math.min(1, (s - limit) / limit); // red at twice the promise
  return f < 0.5 ? mix(YELLOW, [240, 140, 26], f * 2) : mix([240, 140, 26], RED, (f - 0.5) * 2);
}

const cache = new Map();
function styleFor(seconds, limit) {
  const bucket = seconds === null || seconds === undefined ? 'none'
    : Number(seconds) <= limit ? 'ok' : Math.min(20, Math.ceil(((Number(seconds) - limit) / limit) * 10));
  const key = `${bucket}|${limit}`;
  let style = cache.get(key);
  if (!style) {
    const sample = bucket === 'none' ? null : bucket === 'ok' ? 0 : limit + (bucket / 10) * limit;
    const [r, g, b] = timeColor(sample, limit);
    style = new Style({
      image: new CircleStyle({
        radius: bucket === 'ok' ? 4 : 5,
        fill: new Fill({ color: `rgba(${r},${g},${b},0.92)` }),
        stroke: new Stroke({ color: 'rgba(255,255,255,0.95)', width: 1.2 }),
      }),
      zIndex: bucket === 'ok' ? 0 : 1,
    });
    cache.set(key, style);
  }
  return style;
}

export function createHouseholdTimesLayer(map, { onChange } = {}) {
  const source = new VectorSource();
  let limit = DEFAULT_LIMIT;
  const layer = new VectorLayer({
    source,
    style: (feature) => styleFor(feature.get('seconds'), limit),
    visible: false,
    zIndex: 58,
    properties: { name: 'coverage-households' },
  });
  map.addLayer(layer);
  let controller = null;
  let wanted = false;
  let state = { zoomedOut: false, count: 0, loading: false };

  function report(next) {
    state = { ...state, ...next };
    onChange?.(state);
  }

  async function refresh() {
    controller?.abort();
    controller = null;
    if (!wanted) return state;
    const view = map.getView();
    if (view.getZoom() < MIN_ZOOM) {
      source.clear();
      report({ zoomedOut: true, count: 0, loading: false });
      return state;
    }
    controller = new AbortController();
    const { signal } = controller;
    const extent = transformExtent(view.calculateExtent(map.getSize()), 'EPSG:3857', 'EPSG:4326');
    report({ zoomedOut: false, loading: true });
    try {
      const body = await fetchHouseholdTimes(extent, signal);
      if (signal.aborted) return state;
      if (Number.isFinite(Number(body.limitSeconds))) limit = Number(body.limitSeconds);
      source.clear();
      source.addFeatures(geojson.readFeatures(body));
      report({ count: source.getFeatures().length, loading: false, limit });
    } catch {
      if (!signal.aborted) report({ loading: false, failed: true });
    }
    return state;
  }

  map.on('moveend', () => {
    if (wanted) refresh();
  });

  return {
    layer,
    setVisible(visible) {
      wanted = visible;
      layer.setVisible(visible);
      if (!visible) {
        controller?.abort();
        source.clear();
        return Promise.resolve(state);
      }
      return refresh();
    },
    limit: () => limit,
    state: () => state,
  };
}
