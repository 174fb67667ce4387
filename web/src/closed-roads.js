// The roads a hazard closes, drawn over the road network (red, crossed out), so a monitor sees on the map what
// the "封闭道路" count in the panel means, and a villager sees which roads not to take. The roads come from the
// roads collection within the hazard zone's extent, kept when the server lists their id as closed by the hazard.

import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import Style from 'ol/style/Style.js';
import Stroke from 'ol/style/Stroke.js';
import { transformExtent } from 'ol/proj.js';
import { getJSON } from './api.js';

const geojson = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });
const STYLE = [
  new Style({ stroke: new Stroke({ color: 'rgba(255,255,255,0.95)', width: 7 }), zIndex: 0 }),
  new Style({ stroke: new Stroke({ color: '#c62828', width: 4, lineDash: [8, 5] }), zIndex: 1 }),
];

/** The ids among features that are in closedIds (the road's id is the feature's id or its `id` property). */
export function closedAmong(features, closedIds) {
  const wanted = new Set((closedIds ?? []).map(Number));
  return (features ?? []).filter((f) => wanted.has(Number(f.id ?? f.properties?.id)));
}

export function createClosedRoadsLayer(map, { zIndex = 56 } = {}) {
  const source = new VectorSource();
  const layer = new VectorLayer({ source, zIndex, style: STYLE, visible: false, properties: { name: 'closed-roads' } });
  map.addLayer(layer);
  let token = 0;

  return {
    layer,
    /** Draws the roads closedIds names inside zone's extent (zone: an OpenLayers geometry, map coordinates). */
    async show(zone, closedIds) {
      return this.showMany([{ zone, closedIds }]);
    },
    /** Draws the closed roads of several hazards at once: [{zone, closedIds}]; resolves with how many are drawn. */
    async showMany(list) {
      const mine = ++token;
      source.clear();
      const wanted = (list ?? []).filter((h) => h.zone && h.closedIds?.length);
      const bodies = await Promise.all(wanted.map(({ zone }) => {
        const bbox = transformExtent(zone.getExtent(), 'EPSG:3857', 'EPSG:4326');
        return getJSON(`/ogc/collections/roads/items?bbox=${bbox.map((v) => v.toFixed(6)).join(',')}&limit=1000`,
          { accept: 'application/geo+json, application/json' }).catch(() => null);
      }));
      if (mine !== token) return source.getFeatures().length;
      const seen = new Set();
      wanted.forEach(({ closedIds }, i) => {
        for (const f of closedAmong(bodies[i]?.features, closedIds)) {
          const id = Number(f.id ?? f.properties?.id);
          // two hazards may close the same road: drawn once
          if (!f.geometry || seen.has(id)) continue;
          seen.add(id);
          source.addFeature(geojson.readFeature(f));
        }
      });
      return source.getFeatures().length;
    },
    clear() {
      token++;
      source.clear();
    },
    setVisible(on) {
      layer.setVisible(on);
    },
  };
}
