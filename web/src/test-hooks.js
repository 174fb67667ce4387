// The hooks the browser tests (and a developer at the console) drive the map with: window.gridmap. This module
// is loaded only when they are asked for (see main.js), so a person's browser neither fetches nor runs it.

export function installTestHooks(app) {
  const {
    map, pick, tileLayers, ready, selectFeatureAt, searchBox, openResult, language, setLanguage, panel, modes,
    villager, coverage, planner, monitor, auth, refreshTiles, fromLonLat, errands,
  } = app;

  function isOnMap(pixel) {
    const rect = map.getViewport().getBoundingClientRect();
    const el = document.elementFromPoint(rect.left + pixel[0], rect.top + pixel[1]);
    return Boolean(el && el.closest('.ol-viewport') && !el.closest('.ol-control'));
  }

  /** A pixel, in sight and not under a control, where a click selects a feature of layerName. */
  function findPixel(layerName, step = 12) {
    const [w, h] = map.getSize();
    const cx = w / 2;
    const cy = h / 2;
    const pixels = [];
    for (let y = step / 2; y < h; y += step) for (let x = step / 2; x < w; x += step) pixels.push([x, y]);
    pixels.sort((a, b) => Math.hypot(a[0] - cx, a[1] - cy) - Math.hypot(b[0] - cx, b[1] - cy));
    for (const pixel of pixels) {
      if (!isOnMap(pixel)) continue;
      if (pick(pixel)?.get('layer') === layerName) return pixel;
    }
    return null;
  }

  /** Features of layerName drawn in the current view. */
  function renderedFeatures(layerName) {
    const layer = tileLayers.get(layerName);
    if (!layer) return [];
    const extent = map.getView().calculateExtent(map.getSize());
    return layer.getFeaturesInExtent(extent).filter((f) => f.get('layer') === layerName);
  }

  /** Resolves once the map has finished drawing what is in view (tiles loaded, animations over). */
  function idle() {
    return new Promise((resolve) => {
      map.once('rendercomplete', () => resolve(true));
      map.render();
    });
  }
  window.gridmap = {
    map,
    ready,
    idle,
    layers: tileLayers,
    selectFeatureAt,
    findPixel,
    renderedFeatures,
    featureCount: (layerName) => renderedFeatures(layerName).length,
    search: (text) => searchBox.query(text),
    openResult,
    language,
    setLanguage,
    panel,
    /** 'browse', 'villager', 'coverage', 'planner' or 'monitor'. */
    get mode() {
      return modes.current();
    },
    setMode: (name) => modes.set(name),
    villager,
    /** The coverage, planner and monitor modes once first entered (their code loads then), else null. */
    get coverage() {
      return coverage.loaded;
    },
    get planner() {
      return planner.loaded;
    },
    get monitor() {
      return monitor.loaded;
    },
    /** The errands mode once first entered; its `map` holds the errand layers. */
    get errands() {
      return errands?.loaded ?? null;
    },
    auth,
    refreshTiles,
    /** Resolves with {state, answer} once the next /api/nearest answer (or its failure) is drawn. */
    whenNearestDrawn: () => villager.whenDrawn(),
    /** Resolves once the hazard warnings and live staff cards of the next nearest answer are shown. */
    whenVillagerExtras: () => villager.whenExtras(),
    /** Resolves with the compliance answer once the coverage view shows it. */
    whenCoverageReady: () => coverage.ensure().then((mode) => mode.whenReady()),
    /** Map coordinates (EPSG:3857) of a lon/lat, and the pixel of a lon/lat in the current view. */
    fromLonLat: (lonLat) => fromLonLat(lonLat),
    pixelOf: (lonLat) => map.getPixelFromCoordinate(fromLonLat(lonLat)),
  };
}
