// Cursor coordinates (lon, lat, 5 decimals). Without a mouse (a phone) the last tapped point is shown,
// and before any tap the map's centre.

import { toLonLat } from 'ol/proj.js';
import { onLanguageChange, t } from './i18n.js';

export function formatLonLat([lon, lat]) {
  return `${lon.toFixed(5)}, ${lat.toFixed(5)}`;
}

export function createCoordinates(map, element) {
  let last = null;
  let fromPointer = false;

  function show(coordinate) {
    last = coordinate;
    element.textContent = coordinate ? formatLonLat(toLonLat(coordinate)) : t('coords.none');
  }

  map.on('pointermove', (event) => {
    if (event.dragging) return;
    fromPointer = true;
    show(event.coordinate);
  });
  map.on('click', (event) => {
    fromPointer = true;
    show(event.coordinate);
  });
  map.on('moveend', () => {
    if (!fromPointer) show(map.getView().getCenter());
  });
  map.getViewport().addEventListener('pointerleave', () => {
    fromPointer = false;
  });
  onLanguageChange(() => show(last));
  show(null);
}
