// A facility's reach: the area one can walk to along the roads within its ring's promise (filled), and
// the plain coverage circle the same time allows in a straight line (dashed), so the detour shows.

import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import Style from 'ol/style/Style.js';
import Stroke from 'ol/style/Stroke.js';
import Fill from 'ol/style/Fill.js';
import { fetchIsochrone } from './api.js';

const geojson = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

export const ISOCHRONE_STYLES = {
  network: new Style({
    fill: new Fill({ color: 'rgba(0,137,123,0.30)' }),
    stroke: new Stroke({ color: '#00695c', width: 2 }),
  }),
  radius: new Style({
    stroke: new Stroke({ color: '#004d40', width: 2.5, lineDash: [8, 6] }),
  }),
};

export function createIsochroneLayer(map) {
  const source = new VectorSource();
  const layer = new VectorLayer({
    source,
    style: (feature) => ISOCHRONE_STYLES[feature.get('kind')] ?? null,
    zIndex: 55,
    properties: { name: 'isochrone' },
  });
  map.addLayer(layer);
  let controller = null;
  let current = null;

  return {
    layer,
    /** Draws the reach of a facility (id or code); resolves with {facility, minutes, detourFactor, network, radius}. */
    async show(facility) {
      controller?.abort();
      controller = new AbortController();
      const { signal } = controller;
      const body = await fetchIsochrone(facility, { signal });
      if (signal.aborted) return current;
      source.clear();
      source.addFeatures(geojson.readFeatures(body));
      const props = (kind) => body.features?.find((f) => f.properties?.kind === kind)?.properties ?? {};
      current = {
        facility: body.facility, minutes: body.minutes, detourFactor: body.detourFactor,
        network: props('network'), radius: props('radius'), extent: source.getExtent(),
      };
      return current;
    },
    clear() {
      controller?.abort();
      source.clear();
      current = null;
    },
    current: () => current,
  };
}
