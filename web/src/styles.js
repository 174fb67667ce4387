// How each layer of the basemap tiles is drawn. Style objects are cached: a style function runs for every
// feature of every tile, so it only picks from prepared styles.

import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import Text from 'ol/style/Text.js';
import CircleStyle from 'ol/style/Circle.js';
import RegularShape from 'ol/style/RegularShape.js';
import Icon from 'ol/style/Icon.js';
import Point from 'ol/geom/Point.js';
import { GRADE_COLORS, HOUSEHOLD_COLOR, LEVEL_COLORS, villageFill, villageLine } from './colors.js';
import { language, t } from './i18n.js';
import { ownsLabel } from './labels.js';
import { placeName } from './place-name.js';

const FONT = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif';
const WORLD_RESOLUTION = 156543.03392804097;

/** The view zoom (OpenLayers' 256-pixel levels) for a resolution in metres per pixel. */
export function zoomOf(resolution) {
  return Math.log2(WORLD_RESOLUTION / resolution);
}

function cached(cache, key, make) {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

function label(text, { size = 12, weight = 'normal', color = '#222', halo = '#fff', offsetY = 0, placement } = {}) {
  return new Text({
    text,
    font: `${weight} ${size}px ${FONT}`,
    fill: new Fill({ color }),
    stroke: new Stroke({ color: halo, width: 3 }),
    offsetY,
    overflow: placement === 'polygon',
    padding: [2, 2, 2, 2],
  });
}

function localName(feature) {
  return placeName({ name: feature.get('name'), name_en: feature.get('name_en') });
}

// ---------------------------------------------------------------- towns
// From the basemap tiles at every zoom: below zoom 9 (LayerCatalog.VILLAGES_MIN_ZOOM) the tiles carry no villages,
// and a city's towns are the only outlines its map has there.
const townOutline = [
  new Style({ stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 6 }) }),
  new Style({ stroke: new Stroke({ color: '#3a2b55', width: 2.5 }) }),
];

export function townStyle() {
  return townOutline;
}

// ---------------------------------------------------------------- villages
const villageCache = new Map();
const villageOutline = [
  new Style({ stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 5 }), zIndex: 1 }),
  new Style({ stroke: new Stroke({ color: '#5b3f8c', width: 2, lineDash: [8, 4] }), zIndex: 2 }),
];

export function villageStyle() {
  return villageOutline;
}

/** The village's name, on the overview zooms only (grids take over when zoomed in). */
export function villageLabelStyle(feature, resolution) {
  const zoom = zoomOf(resolution);
  if (zoom >= 14.5 || !ownsLabel(feature)) return null;
  const text = localName(feature);
  const size = zoom < 12.5 ? 12 : 14;
  return cached(villageCache, `${text}|${size}`, () => new Style({
    text: label(text, { size, weight: 'bold', color: '#3d2a63', placement: 'polygon' }),
  }));
}

// ---------------------------------------------------------------- grids
const gridCache = new Map();

function gridBase(villageCode) {
  return cached(gridCache, `base|${villageCode}`, () => new Style({
    fill: new Fill({ color: villageFill(villageCode) }),
    stroke: new Stroke({ color: villageLine(villageCode), width: 1 }),
  }));
}

export function gridStyle(feature) {
  return gridBase(feature.get('village_code') || '');
}

/** "name\ncode" of a grid, once zoomed in. */
export function gridLabelStyle(feature, resolution) {
  if (zoomOf(resolution) < 14 || !ownsLabel(feature)) return null;
  const text = `${feature.get('name') ?? ''}\n${feature.get('code') ?? ''}`;
  return cached(gridCache, `label|${text}`, () => new Style({
    text: label(text, { size: 11, color: '#1f2a37', placement: 'polygon' }),
  }));
}

/** The grid symbol of the legend: a neutral sample of the village colouring. */
export function gridLegendStyle(villageCode) {
  return gridBase(villageCode);
}

// ---------------------------------------------------------------- roads
const ROADS = {
  main: { casing: '#a35a1f', fill: '#f7c36b', width: 4.5 },
  village: { casing: '#8a8a8a', fill: '#ffffff', width: 3 },
  path: { line: '#7d5d3b', width: 1.4, dash: [5, 3] },
  stairs: { line: '#6b4f33', width: 3.2, dash: [1.5, 2.5] },
};
const roadCache = new Map();

function widthScale(zoom) {
  return Math.min(1.8, Math.max(0.45, (zoom - 10) / 5));
}

export function roadStyleFor(roadClass, zoom) {
  const spec = ROADS[roadClass] ?? ROADS.village;
  const scale = Math.round(widthScale(zoom) * 10) / 10;
  return cached(roadCache, `${roadClass}|${scale}`, () => {
    if (spec.casing) {
      return [
        new Style({ stroke: new Stroke({ color: spec.casing, width: spec.width * scale + 2 }), zIndex: 0 }),
        new Style({ stroke: new Stroke({ color: spec.fill, width: spec.width * scale }), zIndex: 1 }),
      ];
    }
    return [new Style({
      stroke: new Stroke({
        color: spec.line,
        width: Math.max(1, spec.width * scale),
        lineDash: spec.dash,
        lineCap: roadClass === 'stairs' ? 'butt' : 'round',
      }),
    })];
  });
}

export function roadStyle(feature, resolution) {
  const zoom = zoomOf(resolution);
  const roadClass = feature.get('class');
  if ((roadClass === 'path' || roadClass === 'stairs') && zoom < 13) return null;
  return roadStyleFor(roadClass, zoom);
}

// ---------------------------------------------------------------- facilities
const facilityCache = new Map();
const MIN_ZOOM = { center: 0, station: 11, grid: 13, point: 14 };
const LABEL_ZOOM = { center: 12, station: 14.5, grid: 15.5, point: 16.5 };

export function facilitySymbol(level, scale = 1) {
  const fill = new Fill({ color: LEVEL_COLORS[level] ?? LEVEL_COLORS.point });
  const stroke = new Stroke({ color: '#fff', width: 1.5 });
  // every facility is drawn; labels make way for the symbols
  const declutterMode = 'obstacle';
  switch (level) {
    case 'center':
      return new RegularShape({ points: 5, radius: 12 * scale, radius2: 5.2 * scale, fill, stroke, declutterMode });
    case 'station':
      return new RegularShape({ points: 4, radius: 8.5 * scale, angle: Math.PI / 4, fill, stroke, declutterMode });
    case 'grid':
      return new RegularShape({ points: 3, radius: 7.5 * scale, fill, stroke, declutterMode });
    default:
      return new CircleStyle({ radius: 4.2 * scale, fill, stroke: new Stroke({ color: '#fff', width: 1.2 }), declutterMode });
  }
}

const LEVEL_ORDER = { point: 1, grid: 2, station: 3, center: 4 };

export function facilityStyle(feature, resolution) {
  const level = feature.get('level') || 'point';
  const zoom = zoomOf(resolution);
  if (zoom < (MIN_ZOOM[level] ?? 14)) return null;
  const symbol = cached(facilityCache, `sym|${level}`, () => new Style({
    image: facilitySymbol(level),
    zIndex: LEVEL_ORDER[level] ?? 1,
  }));
  if (zoom < (LABEL_ZOOM[level] ?? 16)) return symbol;
  const name = feature.get('name') ?? '';
  return cached(facilityCache, `lbl|${level}|${name}`, () => new Style({
    image: facilitySymbol(level),
    text: label(name, { size: level === 'center' ? 13 : 11, weight: level === 'point' ? 'normal' : 'bold',
      color: LEVEL_COLORS[level], offsetY: level === 'center' ? -19 : -14 }),
    zIndex: LEVEL_ORDER[level] ?? 1,
  }));
}

// ---------------------------------------------------------------- households
const householdCache = new Map();
const [hr, hg, hb] = HOUSEHOLD_COLOR;

/** Style of an aggregated cell with count households: bigger and darker where more people live. */
export function householdCellStyle(count, polygon = false) {
  const bucket = Math.min(12, Math.max(1, Math.round(Math.sqrt(count))));
  const opacity = Math.min(0.6, 0.12 + bucket * 0.04);
  return cached(householdCache, `cell|${bucket}|${polygon}`, () => {
    const fill = new Fill({ color: `rgba(${hr},${hg},${hb},${opacity.toFixed(2)})` });
    if (polygon) return new Style({ fill });
    return new Style({ image: new CircleStyle({ radius: 1.5 + bucket * 0.9, fill, declutterMode: 'none' }) });
  });
}

export function householdPointStyle(members) {
  const size = Math.min(8, Math.max(1, Number(members) || 1));
  return cached(householdCache, `pt|${size}`, () => new Style({
    image: new CircleStyle({
      radius: 2.2 + size * 0.28,
      fill: new Fill({ color: `rgba(${hr},${hg},${hb},0.85)` }),
      stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 0.8 }),
      // households are never decluttered; 'none' also keeps them clickable in a layer without declutter
      declutterMode: 'none',
    }),
  }));
}

export function householdStyle(feature) {
  const count = feature.get('count');
  if (count !== undefined && count !== null) {
    const type = feature.getType();
    return householdCellStyle(Number(count), type === 'Polygon' || type === 'MultiPolygon');
  }
  return householdPointStyle(feature.get('members'));
}

// ---------------------------------------------------------------- hazards
const hazardCache = new Map();
const DPR = Math.min(3, Math.max(1, window.devicePixelRatio || 1));

function warningCanvas(type, grade, size) {
  const px = Math.round(size * DPR);
  const canvas = document.createElement('canvas');
  canvas.width = px;
  canvas.height = px;
  const ctx = canvas.getContext('2d');
  ctx.scale(DPR, DPR);
  const pad = 1.5;
  ctx.beginPath();
  ctx.moveTo(size / 2, pad);
  ctx.lineTo(size - pad, size - pad);
  ctx.lineTo(pad, size - pad);
  ctx.closePath();
  ctx.lineJoin = 'round';
  ctx.fillStyle = GRADE_COLORS[grade] ?? '#9aa0a6';
  ctx.fill();
  ctx.lineWidth = 1.8;
  ctx.strokeStyle = '#1b1b1b';
  ctx.stroke();
  ctx.fillStyle = grade === 'small' || !grade ? '#1b1b1b' : '#fff';
  ctx.font = `bold ${Math.round(size * 0.42)}px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(t(`glyph.${type}`) === `glyph.${type}` ? '!' : t(`glyph.${type}`), size / 2, size * 0.64);
  return canvas;
}

/** The warning sign of a hazard: its glyph names the type, its colour the grade. */
export function hazardSymbol(type, grade, size = 24) {
  return cached(hazardCache, `icon|${language()}|${type}|${grade}|${size}`, () => new Icon({
    img: warningCanvas(type, grade, size),
    scale: 1 / DPR,
    declutterMode: 'obstacle',
  }));
}

function hazardArea(grade) {
  const color = GRADE_COLORS[grade] ?? '#9aa0a6';
  return cached(hazardCache, `area|${grade}`, () => new Style({
    fill: new Fill({ color: `${color}40` }),
    stroke: new Stroke({ color, width: 2, lineDash: [6, 4] }),
  }));
}

function interiorPoint(feature) {
  const type = feature.getType();
  if (type === 'Point') return feature.getGeometry();
  if (typeof feature.getFlatInteriorPoint === 'function') {
    const p = feature.getFlatInteriorPoint();
    return new Point([p[0], p[1]]);
  }
  const geometry = feature.getGeometry();
  return geometry.getInteriorPoint ? geometry.getInteriorPoint() : geometry;
}

export function hazardStyle(feature, resolution) {
  const type = feature.get('type');
  const grade = feature.get('grade');
  const zoom = zoomOf(resolution);
  const styles = [];
  const geometryType = feature.getType();
  if (geometryType === 'Polygon' || geometryType === 'MultiPolygon') styles.push(hazardArea(grade));
  const withLabel = zoom >= 15;
  const name = withLabel ? (feature.get('name') ?? '') : '';
  const size = zoom >= 14 ? 26 : 20;
  styles.push(cached(hazardCache, `style|${language()}|${type}|${grade}|${size}|${withLabel}|${name}`, () => new Style({
    geometry: interiorPoint,
    image: hazardSymbol(type, grade, size),
    text: withLabel ? label(name, { size: 11, color: '#7a1c1c', offsetY: 20 }) : undefined,
    zIndex: 5,
  })));
  return styles;
}

// ---------------------------------------------------------------- selection
const HIGHLIGHT = '#00a3d9';
const highlightPolygon = [
  new Style({ stroke: new Stroke({ color: 'rgba(255,255,255,0.95)', width: 7 }) }),
  new Style({ stroke: new Stroke({ color: HIGHLIGHT, width: 3.5 }), fill: new Fill({ color: 'rgba(0,163,217,0.12)' }) }),
];
const highlightPoint = new Style({
  image: new CircleStyle({
    radius: 14,
    stroke: new Stroke({ color: HIGHLIGHT, width: 3.5 }),
    fill: new Fill({ color: 'rgba(0,163,217,0.15)' }),
  }),
});
const threatZone = new Style({
  stroke: new Stroke({ color: '#e0352b', width: 2, lineDash: [6, 5] }),
  fill: new Fill({ color: 'rgba(224,53,43,0.10)' }),
});

export function highlightStyle(feature) {
  if (feature.get('role') === 'threat-zone') return threatZone;
  const type = feature.getGeometry()?.getType();
  return type === 'Point' || type === 'MultiPoint' ? highlightPoint : highlightPolygon;
}
