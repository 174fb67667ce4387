// The visits' two map layers as vector tiles: every grid's completion of a month (public, coloured by share) and
// one grid's households not yet visited this month (its staff only; the server checks and logs every tile).

import VectorTileLayer from 'ol/layer/VectorTile.js';
import VectorTileSource from 'ol/source/VectorTile.js';
import MVT from 'ol/format/MVT.js';
import { Circle, Fill, Stroke, Style } from 'ol/style.js';

/** The colour of a completion share (0–1); grey for a grid without households. */
export function shareColor(share) {
  if (share === null || share === undefined) return '#9e9e9e';
  if (share >= 0.95) return '#2e7d32';
  if (share >= 0.8) return '#9e9d24';
  if (share >= 0.5) return '#ef6c00';
  return '#c62828';
}

const completionStyles = new Map();
function completionStyle(feature) {
  const color = shareColor(feature.get('share'));
  let style = completionStyles.get(color);
  if (!style) {
    style = new Style({ fill: new Fill({ color: `${color}66` }), stroke: new Stroke({ color, width: 1.2 }) });
    completionStyles.set(color, style);
  }
  return style;
}

const unvisitedStyle = new Style({
  image: new Circle({ radius: 7, fill: new Fill({ color: '#c62828' }), stroke: new Stroke({ color: '#fff', width: 2 }) }),
});
const triedStyle = new Style({
  image: new Circle({ radius: 7, fill: new Fill({ color: '#ef6c00' }), stroke: new Stroke({ color: '#fff', width: 2 }) }),
});

function tileSource(url) {
  return new VectorTileSource({ format: new MVT(), url, maxZoom: 16, transition: 0 });
}

export function createVisitLayers(map) {
  const completion = new VectorTileLayer({ style: completionStyle, visible: false, zIndex: 20 });
  completion.set('name', 'visit-completion');
  const unvisited = new VectorTileLayer({
    style: (f) => ((f.get('attempts') ?? 0) > 0 ? triedStyle : unvisitedStyle), visible: false, zIndex: 40,
    declutter: false,
  });
  unvisited.set('name', 'visit-unvisited');
  map.addLayer(completion);
  map.addLayer(unvisited);
  let revision = 0;

  return {
    completion,
    unvisited,
    /** Shows every grid's completion for month (YYYY-MM); null hides it. */
    showCompletion(month) {
      if (!month) {
        completion.setVisible(false);
        return;
      }
      completion.setSource(tileSource(`/api/visits/completion/tiles/{z}/{x}/{y}.mvt?month=${month}&v=${++revision}`));
      completion.setVisible(true);
    },
    /** Shows the grid's unvisited households for month; a new revision after a visit refetches the tiles. */
    showUnvisited(gridId, month) {
      if (!gridId) {
        unvisited.setVisible(false);
        return;
      }
      unvisited.setSource(tileSource(`/api/grids/${gridId}/unvisited/tiles/{z}/{x}/{y}.mvt?month=${month}&v=${++revision}`));
      unvisited.setVisible(true);
    },
    hide() {
      completion.setVisible(false);
      unvisited.setVisible(false);
    },
  };
}
