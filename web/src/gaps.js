// Gap areas: where households live beyond the ring-4 promise, drawn hatched red; a click tells how many
// households and people live there and how long they walk.

import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import Style from 'ol/style/Style.js';
import Stroke from 'ol/style/Stroke.js';
import Fill from 'ol/style/Fill.js';
import CircleStyle from 'ol/style/Circle.js';
import Point from 'ol/geom/Point.js';
import { getCenter } from 'ol/extent.js';
import { fetchGaps } from './api.js';
import { t } from './i18n.js';
import { popupTable } from './popup.js';
import { zoomOf } from './styles.js';
import { formatArea, formatDuration, formatNumber } from './units.js';

const RED = '#d32f2f';
const geojson = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

function hatch() {
  const size = 10;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'rgba(211,47,47,0.14)';
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = 'rgba(211,47,47,0.85)';
  ctx.lineWidth = 1.6;
  ctx.beginPath();
  ctx.moveTo(0, size);
  ctx.lineTo(size, 0);
  ctx.moveTo(-size / 2, size / 2);
  ctx.lineTo(size / 2, -size / 2);
  ctx.moveTo(size / 2, size * 1.5);
  ctx.lineTo(size * 1.5, size / 2);
  ctx.stroke();
  return ctx.createPattern(canvas, 'repeat');
}

let polygonStyle = null;
const markerStyle = new Style({
  geometry: (feature) => new Point(getCenter(feature.getGeometry().getExtent())),
  image: new CircleStyle({ radius: 6, fill: new Fill({ color: RED }), stroke: new Stroke({ color: '#fff', width: 2 }) }),
});

function style(feature, resolution) {
  polygonStyle ??= new Style({ fill: new Fill({ color: hatch() }), stroke: new Stroke({ color: RED, width: 2 }) });
  // a gap is a few hundred metres across: below zoom 15 a dot keeps it in sight
  return zoomOf(resolution) < 15 ? [polygonStyle, markerStyle] : polygonStyle;
}

export function createGapLayer(map) {
  const source = new VectorSource();
  const layer = new VectorLayer({ source, style, visible: false, zIndex: 60, properties: { name: 'coverage-gaps' } });
  map.addLayer(layer);
  let loaded = null;

  return {
    layer,
    async setVisible(visible) {
      layer.setVisible(visible);
      if (!visible || loaded) return loaded;
      loaded = fetchGaps()
        .then((body) => {
          source.clear();
          source.addFeatures(geojson.readFeatures(body));
          return source.getFeatures().length;
        })
        .catch((error) => { loaded = null; throw error; });
      return loaded;
    },
    /** Forgets what was loaded (the data may have changed). */
    reset() {
      loaded = null;
      source.clear();
    },
    popup(feature) {
      const p = feature.getProperties();
      return popupTable(t('popup.gap'), [
        [t('field.households'), `${formatNumber(p.households)} ${t('unit.households')}`],
        [t('field.population'), `${formatNumber(p.people)} ${t('unit.people')}`],
        [t('popup.gap.worst'), formatDuration(p.worstSeconds)],
        [t('popup.gap.mean'), formatDuration(p.meanSeconds)],
        [t('field.area_km2'), formatArea(p.areaKm2)],
      ]);
    },
  };
}
