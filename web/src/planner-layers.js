// The planner's own layers above the tiles: the village's grids being edited (with their vertices as handles),
// its service facilities (to drag), the shapes an edit would produce, a grid's shape before and after a past
// edit, the line of a split, and the markers of the problems the server found.

import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Style from 'ol/style/Style.js';
import Stroke from 'ol/style/Stroke.js';
import Fill from 'ol/style/Fill.js';
import Text from 'ol/style/Text.js';
import CircleStyle from 'ol/style/Circle.js';
import MultiPoint from 'ol/geom/MultiPoint.js';
import { facilitySymbol, zoomOf } from './styles.js';
import { verticesOf } from './planner-geometry.js';

const FONT = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif';

const GRID = {
  normal: { stroke: '#3a2b55', width: 2, fill: 'rgba(255,255,255,0.02)' },
  selected: { stroke: '#1565c0', width: 3.5, fill: 'rgba(21,101,192,0.18)' },
  changed: { stroke: '#e65100', width: 3, fill: 'rgba(230,81,0,0.22)' },
  conflict: { stroke: '#b71c1c', width: 3.5, fill: 'rgba(211,47,47,0.38)' },
};

const gridStyles = Object.fromEntries(Object.entries(GRID).map(([k, v]) => [k, [
  new Style({ stroke: new Stroke({ color: 'rgba(255,255,255,0.85)', width: v.width + 3 }), zIndex: 1 }),
  new Style({ stroke: new Stroke({ color: v.stroke, width: v.width }), fill: new Fill({ color: v.fill }), zIndex: 2 }),
]]));

const vertexStyle = new Style({
  image: new CircleStyle({
    radius: 3.5,
    fill: new Fill({ color: '#ffffff' }),
    stroke: new Stroke({ color: '#3a2b55', width: 1.5 }),
  }),
  geometry: (feature) => new MultiPoint(verticesOf(feature.getGeometry())),
  zIndex: 3,
});

/** state: {selected: Set, changed: Set, conflict: Set} of grid ids; vertices drawn from zoom 15 on. */
function gridStyle(state) {
  return (feature, resolution) => {
    const id = feature.getId();
    const kind = state.conflict.has(id) ? 'conflict' : state.selected.has(id) ? 'selected'
      : state.changed.has(id) ? 'changed' : 'normal';
    const styles = gridStyles[kind];
    return zoomOf(resolution) >= 15 && state.handles ? [...styles, vertexStyle] : styles;
  };
}

const facilityCache = new Map();
function facilityStyle(state) {
  return (feature) => {
    const level = feature.get('level') || 'point';
    const moved = state.moved.has(feature.getId());
    const key = `${level}|${moved}|${state.draggable}`;
    let style = facilityCache.get(key);
    if (!style) {
      style = [new Style({ image: facilitySymbol(level, state.draggable ? 1.35 : 1), zIndex: 2 })];
      if (moved) {
        style.unshift(new Style({
          image: new CircleStyle({ radius: 14, stroke: new Stroke({ color: '#e65100', width: 3 }),
            fill: new Fill({ color: 'rgba(230,81,0,0.18)' }) }),
          zIndex: 1,
        }));
      }
      facilityCache.set(key, style);
    }
    return style;
  };
}

const beforeStyle = new Style({ stroke: new Stroke({ color: 'rgba(31,42,55,0.85)', width: 1.5, lineDash: [4, 4] }) });

const PREVIEW = {
  changed: new Style({ stroke: new Stroke({ color: '#1b5e20', width: 2, lineDash: [2, 6] }) }),
  created: new Style({ stroke: new Stroke({ color: '#6a1b9a', width: 3, lineDash: [7, 5] }),
    fill: new Fill({ color: 'rgba(106,27,154,0.16)' }) }),
  removed: new Style({ stroke: new Stroke({ color: '#b71c1c', width: 2, lineDash: [3, 5] }) }),
};

const HISTORY = {
  before: [
    new Style({ stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 5 }) }),
    new Style({ stroke: new Stroke({ color: '#c62828', width: 2.5, lineDash: [6, 5] }), fill: new Fill({ color: 'rgba(198,40,40,0.08)' }) }),
  ],
  after: [
    new Style({ stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 6 }) }),
    new Style({ stroke: new Stroke({ color: '#2e7d32', width: 3 }), fill: new Fill({ color: 'rgba(46,125,50,0.12)' }) }),
  ],
};

const lineStyle = [
  new Style({ stroke: new Stroke({ color: 'rgba(255,255,255,0.95)', width: 6 }) }),
  new Style({ stroke: new Stroke({ color: '#6a1b9a', width: 3, lineDash: [10, 6] }) }),
];

const problemCache = new Map();
function problemStyle(feature) {
  const n = String(feature.get('n') ?? '!');
  let style = problemCache.get(n);
  if (!style) {
    style = new Style({
      image: new CircleStyle({ radius: 12, fill: new Fill({ color: '#b71c1c' }), stroke: new Stroke({ color: '#fff', width: 2.5 }) }),
      text: new Text({ text: n, font: `bold 12px ${FONT}`, fill: new Fill({ color: '#fff' }) }),
      zIndex: 5,
    });
    problemCache.set(n, style);
  }
  return style;
}

function vectorLayer(map, name, zIndex, style) {
  const source = new VectorSource();
  const layer = new VectorLayer({ source, style, zIndex, visible: false, updateWhileInteracting: true,
    properties: { name } });
  map.addLayer(layer);
  return layer;
}

/**
 * state (shared with the controller, which calls refresh() after changing it):
 * {selected, changed, conflict: Set of grid ids; moved: Set of facility ids; handles, draggable: booleans}.
 */
export function createPlannerLayers(map, state) {
  const layers = {
    grids: vectorLayer(map, 'planner-grids', 60, gridStyle(state)),
    before: vectorLayer(map, 'planner-before', 59.5, beforeStyle),
    preview: vectorLayer(map, 'planner-preview', 61, (f) => PREVIEW[f.get('status')] ?? PREVIEW.changed),
    history: vectorLayer(map, 'planner-history', 62, (f) => HISTORY[f.get('when')] ?? HISTORY.after),
    line: vectorLayer(map, 'planner-line', 63, lineStyle),
    facilities: vectorLayer(map, 'planner-facilities', 64, facilityStyle(state)),
    problems: vectorLayer(map, 'planner-problems', 66, problemStyle),
  };
  return {
    ...layers,
    setVisible(on) {
      for (const layer of Object.values(layers)) layer.setVisible(on);
    },
    clear() {
      for (const layer of Object.values(layers)) layer.getSource().clear();
    },
    refresh() {
      layers.grids.changed();
      layers.facilities.changed();
    },
  };
}
