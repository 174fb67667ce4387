// The selected feature, outlined above every other layer. A tile holds only a clipped piece of a
// feature, so the outline is drawn at once from the tile and replaced by the full geometry once loaded.

import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import Feature from 'ol/Feature.js';
import { toFeature } from 'ol/render/Feature.js';
import { circular } from 'ol/geom/Polygon.js';
import { highlightStyle } from './styles.js';

const geojson = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

export function createHighlight(map) {
  const source = new VectorSource();
  const layer = new VectorLayer({
    source,
    style: highlightStyle,
    zIndex: 100,
    properties: { name: 'highlight' },
  });
  map.addLayer(layer);

  return {
    layer,
    clear() {
      source.clear();
    },
    /** Outline a feature as the tiles drew it. */
    showRendered(renderFeature) {
      source.clear();
      if (!renderFeature) return;
      const feature = typeof renderFeature.getFlatCoordinates === 'function' ? toFeature(renderFeature) : renderFeature;
      source.addFeature(feature);
    },
    /** Outline a GeoJSON feature (lon/lat); a hazard also gets its threat zone. */
    showGeoJSON(item) {
      if (!item?.geometry) return null;
      const feature = geojson.readFeature(item);
      source.clear();
      source.addFeature(feature);
      const radius = Number(item.properties?.radius_m);
      if (radius > 0 && item.geometry.type === 'Point') {
        const zone = circular(item.geometry.coordinates, radius, 64).transform('EPSG:4326', 'EPSG:3857');
        source.addFeature(new Feature({ geometry: zone, role: 'threat-zone' }));
      }
      return feature;
    },
    extent() {
      return source.isEmpty() ? null : source.getExtent();
    },
  };
}
