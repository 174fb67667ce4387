// Hazards drawn from /api/hazards with their threat zones: the zone filled and outlined in the colour of the
// threat grade, the site as the warning sign of its type; closed and mitigated hazards faded. Also used to
// draw the draft of a hazard being pinned, and the zones a villager's home or walk lies in.

import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import Feature from 'ol/Feature.js';
import Style from 'ol/style/Style.js';
import Stroke from 'ol/style/Stroke.js';
import Fill from 'ol/style/Fill.js';
import Text from 'ol/style/Text.js';
import CircleStyle from 'ol/style/Circle.js';
import Point from 'ol/geom/Point.js';
import { circular } from 'ol/geom/Polygon.js';
import { fetchHazards } from './api.js';
import { GRADE_COLORS } from './colors.js';
import { hazardSymbol, zoomOf } from './styles.js';
import { isOpenStatus, useWords } from './monitor-state.js';
import { onVocabulary } from './vocabulary.js';

const FONT = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif';
const geojson = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });
export { isOpenStatus };
// which statuses are open, and the types and grades the form offers, are the server's word
onVocabulary(useWords);

const cache = new Map();
function cached(key, make) {
  let v = cache.get(key);
  if (!v) {
    v = make();
    cache.set(key, v);
  }
  return v;
}

function zoneStyle(grade, open, selected) {
  const color = GRADE_COLORS[grade] ?? '#9aa0a6';
  return cached(`zone|${grade}|${open}|${selected}`, () => new Style({
    fill: new Fill({ color: open ? `${color}33` : 'rgba(120,120,120,0.08)' }),
    stroke: new Stroke({ color: open ? color : '#8a8a8a', width: selected ? 3.5 : 2, lineDash: open ? [8, 5] : [2, 5] }),
    zIndex: 1,
  }));
}

function siteStyle(feature, resolution) {
  const type = feature.get('type');
  const grade = feature.get('grade');
  const open = isOpenStatus(feature.get('status'));
  const selected = Boolean(feature.get('selected'));
  const size = zoomOf(resolution) >= 14 ? 28 : 22;
  const name = zoomOf(resolution) >= 15 ? feature.get('name') ?? '' : '';
  const styles = [];
  if (selected) {
    styles.push(cached('sel', () => new Style({
      image: new CircleStyle({ radius: 19, stroke: new Stroke({ color: '#00a3d9', width: 3.5 }), fill: new Fill({ color: 'rgba(0,163,217,0.15)' }) }),
      zIndex: 3,
    })));
  }
  styles.push(cached(`site|${type}|${grade}|${size}|${open}|${name}`, () => new Style({
    image: hazardSymbol(type, open ? grade : null, size),
    text: name ? new Text({ text: name, font: `bold 11px ${FONT}`, offsetY: 22, fill: new Fill({ color: open ? '#7a1c1c' : '#666' }),
      stroke: new Stroke({ color: '#fff', width: 3 }) }) : undefined,
    zIndex: 4,
  })));
  return styles;
}

const draftPin = [
  new Style({
    image: new CircleStyle({ radius: 11, fill: new Fill({ color: '#6a1b9a' }), stroke: new Stroke({ color: '#fff', width: 3 }) }),
    zIndex: 6,
  }),
  new Style({ image: new CircleStyle({ radius: 3.5, fill: new Fill({ color: '#fff' }) }), zIndex: 7 }),
];
const draftZone = new Style({
  fill: new Fill({ color: 'rgba(106,27,154,0.12)' }),
  stroke: new Stroke({ color: '#6a1b9a', width: 2.5, lineDash: [7, 5] }),
  zIndex: 2,
});
const draftShape = new Style({
  fill: new Fill({ color: 'rgba(106,27,154,0.22)' }),
  stroke: new Stroke({ color: '#6a1b9a', width: 3 }),
  zIndex: 3,
});

function style(feature, resolution) {
  const role = feature.get('role');
  if (role === 'zone') return zoneStyle(feature.get('grade'), isOpenStatus(feature.get('status')), Boolean(feature.get('selected')));
  if (role === 'site') return siteStyle(feature, resolution);
  if (role === 'draft-pin') return draftPin;
  if (role === 'draft-zone') return draftZone;
  if (role === 'draft-shape') return draftShape;
  return null;
}

/** The point where a hazard's sign is drawn: the point itself, or inside its polygon. */
function siteOf(geometry) {
  if (geometry.getType() === 'Point') return geometry;
  if (geometry.getType() === 'Polygon') return geometry.getInteriorPoint();
  if (geometry.getType() === 'MultiPolygon') return geometry.getInteriorPoints().getPoint(0);
  return new Point(geometry.getFirstCoordinate());
}

/** The threat zone of a hazard for the map: the server's zone if it sent one, else the circle around a point. */
function zoneOf(hazard) {
  if (hazard.zone?.type) return geojson.readGeometry(hazard.zone);
  if (hazard.zone?.geometry) return geojson.readGeometry(hazard.zone.geometry);
  const radius = Number(hazard.radius_m);
  if (hazard.geometry?.type === 'Point' && radius > 0) {
    return circular(hazard.geometry.coordinates, radius, 64).transform('EPSG:4326', 'EPSG:3857');
  }
  if (hazard.geometry?.type === 'Polygon' || hazard.geometry?.type === 'MultiPolygon') return geojson.readGeometry(hazard.geometry);
  return null;
}

export function hazardFeatures(hazard) {
  if (!hazard?.geometry) return [];
  const props = { id: hazard.id, code: hazard.code, name: hazard.name, type: hazard.type, grade: hazard.grade,
    status: hazard.status, blocks_roads: hazard.blocks_roads };
  const geometry = geojson.readGeometry(hazard.geometry);
  const out = [];
  const zone = zoneOf(hazard);
  if (zone) out.push(new Feature({ ...props, geometry: zone, role: 'zone' }));
  out.push(new Feature({ ...props, geometry: siteOf(geometry), role: 'site' }));
  return out;
}

/** name: the layer's name; zIndex above the tiles. */
export function createHazardLayer(map, { name = 'hazards-live', zIndex = 55 } = {}) {
  const source = new VectorSource();
  const layer = new VectorLayer({ source, style, zIndex, visible: false, properties: { name } });
  map.addLayer(layer);
  let hazards = [];
  let selected = null;

  function draw() {
    source.clear();
    for (const h of hazards) {
      const features = hazardFeatures(h);
      for (const f of features) f.set('selected', h.id === selected, true);
      source.addFeatures(features);
    }
  }

  return {
    layer,
    source,
    /** Loads every hazard with its zone; resolves with the list. */
    async load(query = {}) {
      const body = await fetchHazards({ zones: true, ...query });
      hazards = body?.hazards ?? [];
      draw();
      return hazards;
    },
    show(list) {
      hazards = list ?? [];
      draw();
    },
    hazards: () => hazards,
    select(id) {
      selected = id;
      draw();
    },
    clear() {
      hazards = [];
      selected = null;
      source.clear();
    },
    setVisible(on) {
      layer.setVisible(on);
    },
    /** The hazard whose sign is at pixel (zones are not picked: they cover the places one pins). */
    hazardAt(pixel) {
      const f = map.forEachFeatureAtPixel(pixel, (x) => (x.get('role') === 'site' ? x : undefined),
        { hitTolerance: 6, layerFilter: (l) => l === layer });
      return f ? hazards.find((h) => h.id === f.get('id')) ?? null : null;
    },
  };
}

/** A layer for the hazard being pinned: its pin or drawn shape, and its threat zone. */
export function createDraftLayer(map, { zIndex = 58 } = {}) {
  const source = new VectorSource();
  const layer = new VectorLayer({ source, style, zIndex, visible: false, properties: { name: 'hazard-draft' } });
  map.addLayer(layer);
  return {
    layer,
    source,
    /** geometry: the draft (map coordinates); zone: an OpenLayers geometry or null. */
    show(geometry, zone) {
      source.clear();
      if (zone) source.addFeature(new Feature({ geometry: zone, role: 'draft-zone' }));
      if (geometry) {
        const shape = geometry.getType() === 'Point' ? null : new Feature({ geometry, role: 'draft-shape' });
        if (shape) source.addFeature(shape);
        source.addFeature(new Feature({ geometry: siteOf(geometry), role: 'draft-pin' }));
      }
    },
    clear() {
      source.clear();
    },
    setVisible(on) {
      layer.setVisible(on);
    },
  };
}

/** An OpenLayers geometry from a GeoJSON one (lon/lat). */
export function readGeometry(geometry) {
  return geometry ? geojson.readGeometry(geometry) : null;
}
