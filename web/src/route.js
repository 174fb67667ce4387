// The villager's walk drawn on the map: the route along the roads, the off-road leg from the tapped spot
// to the road (dashed), and markers for "you" and the service point. The layer shares the map labels'
// declutter group, its markers and the walk are obstacles: the names of grids, villages and facilities give
// way to them instead of being drawn over the route, and the service point is named once (by its marker).

import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import LineString from 'ol/geom/LineString.js';
import Point from 'ol/geom/Point.js';
import Style from 'ol/style/Style.js';
import Stroke from 'ol/style/Stroke.js';
import Fill from 'ol/style/Fill.js';
import Text from 'ol/style/Text.js';
import CircleStyle from 'ol/style/Circle.js';
import MultiPoint from 'ol/geom/MultiPoint.js';
import { fromLonLat } from 'ol/proj.js';
import { LEVEL_COLORS } from './colors.js';

const FONT = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif';
const ROUTE = '#1565c0';

const STYLES = {
  route: [
    new Style({ stroke: new Stroke({ color: 'rgba(255,255,255,0.95)', width: 10, lineCap: 'round', lineJoin: 'round' }) }),
    new Style({ stroke: new Stroke({ color: ROUTE, width: 5.5, lineCap: 'round', lineJoin: 'round' }) }),
  ],
  offroad: [
    new Style({ stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 6, lineCap: 'round' }) }),
    new Style({ stroke: new Stroke({ color: ROUTE, width: 3, lineDash: [2, 7], lineCap: 'round' }) }),
  ],
  you: new Style({
    image: new CircleStyle({
      radius: 10,
      fill: new Fill({ color: '#1e88e5' }),
      stroke: new Stroke({ color: '#fff', width: 3.5 }),
      declutterMode: 'obstacle',
    }),
    zIndex: 3,
  }),
};

function pointStyle(name) {
  return [
    new Style({
      image: new CircleStyle({ radius: 13, fill: new Fill({ color: LEVEL_COLORS.point }), stroke: new Stroke({ color: '#fff', width: 3 }),
        declutterMode: 'obstacle' }),
      zIndex: 2,
    }),
    new Style({
      image: new CircleStyle({ radius: 4.5, fill: new Fill({ color: '#fff' }), declutterMode: 'obstacle' }),
      text: name ? new Text({
        declutterMode: 'obstacle',
        text: name,
        font: `bold 13px ${FONT}`,
        offsetY: -31,
        fill: new Fill({ color: '#7a3d00' }),
        backgroundFill: new Fill({ color: 'rgba(255,255,255,0.96)' }),
        backgroundStroke: new Stroke({ color: LEVEL_COLORS.point, width: 1.5 }),
        padding: [3, 6, 2, 6],
      }) : undefined,
      zIndex: 2,
    }),
  ];
}

// Invisible discs along the walk, every few pixels: obstacles the map's labels keep clear of.
const SHIELD_PX = 10;
const shield = new CircleStyle({ radius: SHIELD_PX / 2 + 1, fill: new Fill({ color: 'rgba(0,0,0,0)' }), declutterMode: 'obstacle' });

function shieldAlong(line, resolution) {
  const step = SHIELD_PX * resolution;
  const coords = line.getCoordinates();
  const points = [];
  for (let i = 0; i + 1 < coords.length; i++) {
    const [a, b] = [coords[i], coords[i + 1]];
    const n = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / step));
    for (let k = 0; k < n; k++) points.push([a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n]);
  }
  if (coords.length) points.push(coords[coords.length - 1]);
  return new Style({ geometry: new MultiPoint(points), image: shield });
}

function style(feature, resolution) {
  const role = feature.get('role');
  if (role === 'point') return pointStyle(feature.get('name'));
  if (role === 'route' || role === 'offroad') return [...STYLES[role], shieldAlong(feature.getGeometry(), resolution)];
  return STYLES[role] ?? null;
}

const same = (a, b) => a && b && Math.abs(a[0] - b[0]) < 1e-9 && Math.abs(a[1] - b[1]) < 1e-9;

export function createRouteLayer(map) {
  const source = new VectorSource();
  const layer = new VectorLayer({ source, style, zIndex: 90, declutter: 'gridmap', properties: { name: 'route' } });
  map.addLayer(layer);

  return {
    layer,
    clear() {
      source.clear();
    },
    /** Just the "you" marker (while the answer is on its way, or when there is no route); returns its extent. */
    showOrigin(lonLat) {
      source.clear();
      const at = fromLonLat(lonLat);
      source.addFeature(new Feature({ geometry: new Point(at), role: 'you' }));
      return [at[0], at[1], at[0], at[1]];
    },
    /** The whole answer of /api/nearest; returns the extent to fit (map coordinates). */
    showAnswer(answer) {
      source.clear();
      const features = [];
      const origin = answer.origin;
      const coords = answer.route?.coordinates ?? [];
      if (coords.length >= 2) {
        features.push(new Feature({ geometry: new LineString(coords.map((c) => fromLonLat(c))), role: 'route' }));
      }
      const snapped = answer.snapped ?? coords[0];
      if (origin && snapped && !same(origin, snapped)) {
        features.push(new Feature({ geometry: new LineString([fromLonLat(origin), fromLonLat(snapped)]), role: 'offroad' }));
      }
      const point = answer.point;
      if (point) {
        features.push(new Feature({
          geometry: new Point(fromLonLat([point.lon, point.lat])), role: 'point', name: point.name, id: point.id,
        }));
      }
      if (origin) features.push(new Feature({ geometry: new Point(fromLonLat(origin)), role: 'you' }));
      source.addFeatures(features);
      return source.isEmpty() ? null : source.getExtent();
    },
  };
}
