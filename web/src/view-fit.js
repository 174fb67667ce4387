// Fitting the map's view to an extent so that it lands clear of the panels that cover the map (the feature
// panel, an open mode panel, the layer sheet), on a phone (bottom sheets) and on a desk (side panels).

import { containsExtent, isEmpty } from 'ol/extent.js';

/** `phone`: a MediaQueryList that matches the phone layout. */
export function createViewFit(map, phone) {
  /** The open mode panel (villager, coverage), unless the feature panel covers it. */
  function modePanel() {
    if (document.body.classList.contains('panel-open')) return null;
    return document.querySelector('.mode-panel:not([hidden])');
  }

  function padding() {
    const open = modePanel()?.getBoundingClientRect();
    if (phone.matches) {
      let sheet = document.body.classList.contains('panel-open') ? Math.round(window.innerHeight * 0.45) : 24;
      if (open) sheet = Math.round(open.height) + 24;
      return [72, 24, sheet, 24];
    }
    let left = document.body.classList.contains('panel-open') ? 380 : 40;
    if (open) left = Math.round(open.right) + 40;
    const right = document.body.classList.contains('layers-open') ? 300 : 40;
    return [80, right, open ? 80 : 40, left];
  }

  /** True when extent (map coordinates) is all in sight: inside the view and clear of the open panels. */
  function inSight(extent) {
    const [top, right, bottom, left] = padding();
    const [w, h] = map.getSize();
    const a = map.getCoordinateFromPixel([left, h - bottom]);
    const b = map.getCoordinateFromPixel([w - right, top]);
    return Boolean(a && b) && containsExtent([a[0], a[1], b[0], b[1]], extent);
  }

  /**
   * Fits the view to an extent, clear of the open panels; `margin` adds room on every side (for labels);
   * `ifHidden` leaves the view alone when the extent is already in sight.
   */
  function zoomTo(extent, { maxZoom = 17, duration = 450, margin = 0, ifHidden = false } = {}) {
    if (!extent || isEmpty(extent)) return;
    if (ifHidden && inSight(extent)) return;
    map.getView().fit(extent, { padding: padding().map((p) => p + margin), maxZoom, duration });
  }

  return { zoomTo, inSight, padding };
}
