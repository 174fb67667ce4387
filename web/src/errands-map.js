// The errands mode's map: the grids with open errands (how many, how many overdue: the public counts), each open
// errand the staff member may see at the place where it is held (service point, grid hub, station, center),
// marked when overdue, and the path one errand took, hop by hop with its times. Overdue is the server's word
// (its clock keeps the deadlines), never the browser's.

import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import Style from 'ol/style/Style.js';
import Stroke from 'ol/style/Stroke.js';
import Fill from 'ol/style/Fill.js';
import Text from 'ol/style/Text.js';
import CircleStyle from 'ol/style/Circle.js';
import { getJSON } from './api.js';
import { t, tf } from './i18n.js';

const FONT = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif';
const LATE = '#b3261e';
const OPEN = '#1565c0';
const format = new GeoJSON({ featureProjection: 'EPSG:3857' });

function gridStyle(feature) {
  const overdue = feature.get('overdue') > 0;
  return new Style({
    fill: new Fill({ color: overdue ? 'rgba(179,38,30,0.16)' : 'rgba(21,101,192,0.10)' }),
    stroke: new Stroke({ color: overdue ? LATE : OPEN, width: overdue ? 2.5 : 1.5 }),
    text: new Text({
      text: tf(overdue ? 'errands.map.gridLate' : 'errands.map.gridOpen', { open: feature.get('open'), overdue: feature.get('overdue') }),
      font: `bold 12px ${FONT}`,
      fill: new Fill({ color: overdue ? LATE : '#0d3c75' }),
      backgroundFill: new Fill({ color: 'rgba(255,255,255,0.9)' }),
      padding: [2, 4, 1, 4],
      overflow: true,
    }),
  });
}

function errandStyle(feature, highlighted) {
  const late = Boolean(feature.get('overdue'));
  const strong = highlighted.has(feature.get('number'));
  return new Style({
    image: new CircleStyle({
      radius: strong ? 11 : 7,
      fill: new Fill({ color: late ? LATE : OPEN }),
      stroke: new Stroke({ color: strong ? '#ffd600' : '#fff', width: strong ? 4 : 2 }),
    }),
    zIndex: strong ? 3 : late ? 2 : 1,
  });
}

function pathStyle(feature) {
  const p = feature.getProperties();
  if (p.kind === 'hop') {
    return [
      new Style({ stroke: new Stroke({ color: 'rgba(255,255,255,0.95)', width: 8, lineCap: 'round' }) }),
      new Style({ stroke: new Stroke({ color: p.late ? LATE : '#2e7d32', width: 4, lineCap: 'round',
        lineDash: p.inTransit ? [8, 8] : undefined }) }),
    ];
  }
  const label = `${t(`errand.level.${p.stage}`)}${p.arrivedAt ? ` ${new Date(p.arrivedAt).toLocaleString()}` : ''}`;
  return new Style({
    image: new CircleStyle({ radius: p.current ? 10 : 7, fill: new Fill({ color: p.pending ? '#fff' : '#2e7d32' }),
      stroke: new Stroke({ color: '#2e7d32', width: 3 }) }),
    text: new Text({ text: label, font: `12px ${FONT}`, offsetY: -20, fill: new Fill({ color: '#1b3d1d' }),
      backgroundFill: new Fill({ color: 'rgba(255,255,255,0.92)' }), padding: [2, 4, 1, 4] }),
    zIndex: 4,
  });
}

/** map: the OpenLayers map; fitExtent(extent, options): fits the view clear of the panels. */
export function createErrandsMap(map, { fitExtent }) {
  const highlighted = new Set();
  const grids = new VectorLayer({ source: new VectorSource(), style: gridStyle, zIndex: 40, visible: false });
  const errands = new VectorLayer({ source: new VectorSource(), style: (f) => errandStyle(f, highlighted), zIndex: 42, visible: false });
  const path = new VectorLayer({ source: new VectorSource(), style: pathStyle, zIndex: 44, visible: false });
  for (const [layer, name] of [[grids, 'errand-grids'], [errands, 'errands'], [path, 'errand-path']]) {
    layer.set('name', name);
    map.addLayer(layer);
  }

  function fill(layer, collection) {
    layer.getSource().clear();
    layer.getSource().addFeatures(format.readFeatures(collection));
  }

  return {
    show() {
      for (const l of [grids, errands, path]) l.setVisible(true);
    },
    hide() {
      for (const l of [grids, errands, path]) {
        l.setVisible(false);
        l.getSource().clear();
      }
      highlighted.clear();
    },
    /** The errands the account may see, one by one (GET /api/errands/map/open). */
    async loadErrands() {
      fill(errands, await getJSON('/api/errands/map/open'));
    },
    /** A village's grids with their open and overdue counts (GET /api/errands/map/grids). */
    async loadGrids(village) {
      fill(grids, await getJSON(`/api/errands/map/grids?${new URLSearchParams({ village })}`));
    },
    /** Marks these errands (a station's overdue list) on the map. */
    highlight(numbers) {
      highlighted.clear();
      for (const n of numbers) highlighted.add(n);
      errands.changed();
    },
    /** Zooms to the errand's place, or else to its grid; false when neither is on the map. */
    zoomTo(number, gridCode) {
      const feature = errands.getSource().getFeatures().find((f) => f.get('number') === number);
      if (feature) {
        highlighted.add(number);
        errands.changed();
        fitExtent(feature.getGeometry().getExtent(), { maxZoom: 16 });
        return true;
      }
      const grid = grids.getSource().getFeatures().find((f) => f.get('grid') === gridCode);
      if (grid) fitExtent(grid.getGeometry().getExtent(), { maxZoom: 16 });
      return Boolean(grid);
    },
    /** Draws the path the errand took (GET /api/errands/{number}/path) and shows all of it. */
    async showPath(number) {
      const answer = await getJSON(`/api/errands/${encodeURIComponent(number)}/path`);
      fill(path, answer);
      fitExtent(path.getSource().getExtent(), { maxZoom: 16, margin: 40 });
      return answer;
    },
    /** Draws the labels again (after a change of language). */
    redraw() {
      grids.changed();
      path.changed();
    },
    /** What the layers hold now, as plain properties (for the tests and the console). */
    features(name) {
      const layer = { grids, errands, path }[name];
      return (layer?.getSource().getFeatures() ?? []).map((f) => ({ ...f.getProperties(), geometry: undefined,
        coordinates: f.getGeometry().getCoordinates(), highlighted: highlighted.has(f.get('number')) }));
    },
  };
}
