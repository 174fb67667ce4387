// The view in the address (#map=zoom/lat/lon), so a view can be bookmarked or shared.

import { fromLonLat, toLonLat } from 'ol/proj.js';

const PATTERN = /^#map=(\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/;

/** The view in the address, {zoom, center} in map coordinates, or null. */
export function viewFromAddress() {
  const m = PATTERN.exec(location.hash);
  if (!m) return null;
  const [zoom, lat, lon] = m.slice(1).map(Number);
  if (Math.abs(lat) > 85 || Math.abs(lon) > 180) return null;
  return { zoom, center: fromLonLat([lon, lat]) };
}

/** Keeps the address in step with the view, without adding history entries. */
export function followView(map) {
  map.on('moveend', () => {
    const view = map.getView();
    const center = view.getCenter();
    if (!center) return;
    const [lon, lat] = toLonLat(center);
    const hash = `#map=${view.getZoom().toFixed(2)}/${lat.toFixed(5)}/${lon.toFixed(5)}`;
    if (hash !== location.hash) history.replaceState(null, '', hash);
  });
}
