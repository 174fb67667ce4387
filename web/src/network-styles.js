// The networks around the grids on the map: party-member posts (党建网), volunteers (爱心网) and firms with jobs
// and training (就业网). Each has its own tile set (/tiles/party-posts/…), drawn from zoom 12 on.

import Style from 'ol/style/Style.js';
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import RegularShape from 'ol/style/RegularShape.js';
import CircleStyle from 'ol/style/Circle.js';
import Text from 'ol/style/Text.js';

export const NETWORK_COLORS = Object.freeze({ 'party-posts': '#c8102e', volunteers: '#2e7d32', firms: '#1565c0' });

/** The symbol of a network's feature; firms grow with their offers. */
export function networkSymbol(layer, size = 1) {
  const stroke = new Stroke({ color: '#fff', width: 1.5 });
  const fill = new Fill({ color: NETWORK_COLORS[layer] });
  switch (layer) {
    case 'party-posts':
      return new RegularShape({ points: 5, radius: 8 * size, radius2: 3.6 * size, fill, stroke: new Stroke({ color: '#ffd54f', width: 1.2 }) });
    case 'firms':
      return new RegularShape({ points: 4, radius: 7.5 * size, angle: Math.PI / 4, fill, stroke });
    default:
      return new CircleStyle({ radius: 5 * size, fill, stroke });
  }
}

const cache = new Map();

function cached(key, make) {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key);
}

export function networkStyle(feature) {
  const layer = feature.get('layer');
  if (layer === 'firms') {
    const offers = Number(feature.get('jobs') ?? 0) + Number(feature.get('trainings') ?? 0);
    const size = Math.min(1.6, 1 + offers / 10);
    return cached(`firms:${size}:${offers}`, () => new Style({
      image: networkSymbol('firms', size),
      text: offers ? new Text({ text: String(offers), font: 'bold 10px sans-serif', fill: new Fill({ color: '#fff' }) }) : undefined,
    }));
  }
  // the volunteers of one service point share its place: one marker stands for them all
  return cached(layer, () => new Style({ image: networkSymbol(layer), zIndex: layer === 'party-posts' ? 2 : 1 }));
}
