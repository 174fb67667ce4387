// Suggested new service points: where one more point brings the most households within the ring-4 promise.
// Markers carry their rank; a click tells the households and people gained.

import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import Style from 'ol/style/Style.js';
import Stroke from 'ol/style/Stroke.js';
import Fill from 'ol/style/Fill.js';
import Text from 'ol/style/Text.js';
import RegularShape from 'ol/style/RegularShape.js';
import { fromLonLat } from 'ol/proj.js';
import { fetchSuggestions } from './api.js';
import { t, tf } from './i18n.js';
import { popupTable } from './popup.js';
import { formatNumber, formatShare } from './units.js';

const COLOR = '#6a1b9a';
const cache = new Map();

function style(feature) {
  const rank = String(feature.get('rank'));
  let s = cache.get(rank);
  if (!s) {
    s = new Style({
      image: new RegularShape({
        points: 4, radius: 15, angle: Math.PI / 4,
        fill: new Fill({ color: COLOR }), stroke: new Stroke({ color: '#fff', width: 2.5 }),
      }),
      text: new Text({ text: rank, font: 'bold 13px sans-serif', fill: new Fill({ color: '#fff' }) }),
      zIndex: 100 - Number(rank),
    });
    cache.set(rank, s);
  }
  return s;
}

export function createSuggestionLayer(map) {
  const source = new VectorSource();
  const layer = new VectorLayer({ source, style, visible: false, zIndex: 80, properties: { name: 'suggestions' } });
  map.addLayer(layer);
  let body = null;
  let controller = null;

  return {
    layer,
    /** Loads `count` suggestions and draws them; resolves with the server's answer. */
    async load(count) {
      controller?.abort();
      controller = new AbortController();
      const { signal } = controller;
      const answer = await fetchSuggestions(count, signal);
      if (signal.aborted) return body;
      body = answer;
      source.clear();
      source.addFeatures((answer.suggestions ?? []).map((s) => new Feature({
        geometry: new Point(fromLonLat([s.lon, s.lat])),
        ...s,
        grid: s.grid ?? null,
      })));
      return body;
    },
    setVisible(visible) {
      layer.setVisible(visible);
      if (!visible) controller?.abort();
    },
    answer: () => body,
    extent: () => (source.isEmpty() ? null : source.getExtent()),
    /** "3 处全部建成：四环达标率 92.2% → 93.2%". */
    summary() {
      if (!body) return '';
      return tf('coverage.suggestions.summary', {
        n: body.suggestions?.length ?? 0, before: formatShare(body.shareBefore), after: formatShare(body.shareAfter),
      });
    },
    popup(feature) {
      const p = feature.getProperties();
      return popupTable(tf('popup.site', { rank: p.rank }), [
        [t('field.grid_name'), p.grid ? `${p.grid.name} (${p.grid.code})` : null],
        [t('popup.site.households'), `+${formatNumber(p.households)} ${t('unit.households')}`],
        [t('popup.site.people'), `+${formatNumber(p.people)} ${t('unit.people')}`],
        [t('popup.site.share'), body ? `${formatShare(body.shareBefore)} → ${formatShare(body.shareAfter)}` : null],
      ], body ? tf('popup.site.shareNote', { n: body.suggestions?.length ?? 0 }) : null);
    },
  };
}
