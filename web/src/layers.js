// The map's layers: one vector tile source (one request per tile holds every source-layer) drawn by one
// layer per logical layer, so each can be switched on and off; and the optional online basemaps.

import VectorTileLayer from 'ol/layer/VectorTile.js';
import VectorTileSource from 'ol/source/VectorTile.js';
import TileLayer from 'ol/layer/Tile.js';
import XYZ from 'ol/source/XYZ.js';
import OSM from 'ol/source/OSM.js';
import MVT from 'ol/format/MVT.js';
import {
  facilityStyle, gridLabelStyle, gridStyle, hazardStyle, householdStyle, roadStyle, townStyle, villageLabelStyle,
  villageStyle,
} from './styles.js';
import { trackLabelOwners } from './labels.js';
import { networkStyle } from './network-styles.js';

export const TILE_URL = '/tiles/basemap/{z}/{x}/{y}.mvt';
export const SOURCE_MAX_ZOOM = 16;

/** Logical layers, bottom to top, with the OGC collection that holds their full features. */
export const LAYERS = Object.freeze([
  { name: 'grids', collection: 'grids', style: gridStyle, visible: true, labels: false },
  { name: 'villages', collection: 'villages', style: villageStyle, visible: true, labels: false },
  { name: 'roads', collection: 'roads', style: roadStyle, visible: true, labels: false },
  { name: 'households', collection: 'households', style: householdStyle, visible: true, labels: false },
  { name: 'hazards', collection: 'hazards', style: hazardStyle, visible: true, labels: true },
  { name: 'facilities', collection: 'service-points', style: facilityStyle, visible: true, labels: true },
  // the networks around the grids: tile sets of their own, off until chosen
  { name: 'firms', collection: 'firms', style: networkStyle, visible: false, labels: false, tileSet: 'firms' },
  { name: 'volunteers', collection: 'volunteers', style: networkStyle, visible: false, labels: false, tileSet: 'volunteers' },
  { name: 'party-posts', collection: 'party-posts', style: networkStyle, visible: false, labels: false, tileSet: 'party-posts' },
]);

export function collectionOf(layerName) {
  return LAYERS.find((l) => l.name === layerName)?.collection;
}

/** The layer names in the order a click should prefer them: small symbols over lines over areas. */
export const PICK_ORDER = Object.freeze(['party-posts', 'volunteers', 'firms', 'facilities', 'hazards', 'households', 'roads',
  'grids', 'villages']);

export function createTileSource(tileJson) {
  const source = new VectorTileSource({
    // the feature id travels as the MVT feature id
    format: new MVT({ layerName: 'layer' }),
    url: TILE_URL,
    maxZoom: Math.min(SOURCE_MAX_ZOOM, tileJson?.maxzoom ?? SOURCE_MAX_ZOOM),
    minZoom: Math.max(0, tileJson?.minzoom ?? 0),
    overlaps: false,
    attributions: 'gridmap',
  });
  return source;
}

/**
 * One VectorTileLayer per logical layer over the shared source. Each draws only its own source-layer:
 * the style function of the others returns nothing for it. Returns {layers: name -> layer, labels}: the
 * names of villages and grids are drawn by one more layer above all others, so a grid's name and code
 * win over the labels of the facilities inside it; it follows the visibility of those two layers. And {towns}: the
 * towns' outlines, the map's frame rather than a layer to switch off, so they are not in {@link LAYERS}.
 */
export function createTileLayers(source) {
  const byName = new Map();
  for (const spec of LAYERS) {
    const own = spec.style;
    const layer = new VectorTileLayer({
      source: spec.tileSet ? networkSource(spec.tileSet) : source,
      // the networks' tiles start at zoom 11: not drawn (nor fetched) when zoomed out further
      minZoom: spec.tileSet ? 11 : undefined,
      // labels of all layers avoid each other; layers without labels draw every symbol
      declutter: spec.labels ? 'gridmap' : false,
      renderBuffer: 64,
      visible: spec.visible,
      style: (feature, resolution) => (feature.get('layer') === spec.name ? own(feature, resolution) : null),
      properties: { name: spec.name, collection: spec.collection },
    });
    byName.set(spec.name, layer);
  }
  const grids = byName.get('grids');
  const villages = byName.get('villages');
  const labels = new VectorTileLayer({
    source,
    declutter: 'gridmap',
    renderBuffer: 64,
    style: (feature, resolution) => {
      const name = feature.get('layer');
      if (name === 'grids') return grids.getVisible() ? gridLabelStyle(feature, resolution) : null;
      if (name === 'villages') return villages.getVisible() ? villageLabelStyle(feature, resolution) : null;
      return null;
    },
    properties: { name: 'labels' },
  });
  grids.on('change:visible', () => labels.changed());
  villages.on('change:visible', () => labels.changed());
  trackLabelOwners(source, ['grids', 'villages'], () => labels);
  const towns = new VectorTileLayer({
    source,
    renderBuffer: 64,
    style: (feature) => (feature.get('layer') === 'towns' ? townStyle() : null),
    properties: { name: 'town-outlines' },
  });
  return { layers: byName, labels, towns };
}

/** A network's own tile set (its tiles hold that one layer). */
function networkSource(tileSet) {
  return new VectorTileSource({
    format: new MVT({ layerName: 'layer' }),
    url: `/tiles/${tileSet}/{z}/{x}/{y}.mvt`,
    maxZoom: SOURCE_MAX_ZOOM,
    minZoom: 11,
    overlaps: false,
    attributions: 'gridmap',
  });
}

/** Tianditu's Web Mercator tiles (vector map + its annotation), with the deployment's key. */
function tiandituSource(layer, key) {
  return new XYZ({
    url: `https://t{0-7}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0`
      + `&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}`
      + `&tk=${encodeURIComponent(key)}`,
    attributions: '© 天地图 Tianditu',
    maxZoom: 18,
    crossOrigin: 'anonymous',
  });
}

/**
 * Online basemaps, created lazily: nothing is requested from the internet until one is chosen.
 * Returns {layers, choose(name)} where name is 'none', 'osm' or 'tianditu'.
 */
export function createOnlineBasemaps(map, tiandituKey) {
  const made = new Map();
  const make = {
    osm: () => [new TileLayer({ source: new OSM({ url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' }) })],
    tianditu: () => (tiandituKey
      ? [new TileLayer({ source: tiandituSource('vec', tiandituKey) }),
        new TileLayer({ source: tiandituSource('cva', tiandituKey) })]
      : []),
  };
  let chosen = 'none';
  function choose(name) {
    if (name === chosen) return;
    for (const layer of made.get(chosen) ?? []) layer.setVisible(false);
    chosen = name in make ? name : 'none';
    if (chosen === 'none') return;
    if (!made.has(chosen)) {
      const layers = make[chosen]();
      layers.forEach((layer, i) => {
        layer.set('name', `online-${chosen}`);
        map.getLayers().insertAt(i, layer);
      });
      made.set(chosen, layers);
    }
    for (const layer of made.get(chosen)) layer.setVisible(true);
  }
  return { choose, current: () => chosen, tiandituAvailable: Boolean(tiandituKey) };
}
