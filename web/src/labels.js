// One label per polygon. A vector tile holds only the part of a polygon inside it, so a grid that crosses a
// tile edge would be labelled once per tile. Each polygon is labelled in the loaded tile that holds the
// largest part of it; when a newly loaded tile holds a larger part, the layer is redrawn.

const owners = new Map(); // "z|layer|id" -> {tile, area}
const seen = new WeakMap(); // render feature -> {key, tile}
const layersToRedraw = new Set();
let redrawTimer = 0;

function ringsArea(flat, ends, stride) {
  let total = 0;
  let start = 0;
  for (const end of ends) {
    let sum = 0;
    for (let i = start; i < end - stride; i += stride) {
      sum += flat[i] * flat[i + stride + 1] - flat[i + stride] * flat[i + 1];
    }
    sum += flat[end - stride] * flat[start + 1] - flat[start] * flat[end - stride + 1];
    total += sum / 2;
    start = end;
  }
  return Math.abs(total);
}

function flatEnds(ends) {
  return Array.isArray(ends[0]) ? ends.flat() : ends;
}

/**
 * Follows the tiles of source; labelled(name) lists the source-layer names whose polygons get one label,
 * layerFor(name) gives the map layer to redraw when the owner of a label moves.
 */
export function trackLabelOwners(source, labelled, layerFor) {
  source.on('tileloadend', (event) => {
    const tile = event.tile;
    if (typeof tile.getFeatures !== 'function') return;
    const coord = tile.getTileCoord();
    const tileKey = coord.join('/');
    for (const feature of tile.getFeatures()) {
      const name = feature.get('layer');
      if (!labelled.includes(name)) continue;
      const type = feature.getType();
      if (type !== 'Polygon' && type !== 'MultiPolygon') continue;
      const id = feature.getId() ?? feature.get('id') ?? feature.get('code');
      if (id === undefined) continue;
      const key = `${coord[0]}|${name}|${id}`;
      const ends = flatEnds(feature.getEnds());
      const area = ringsArea(feature.getFlatCoordinates(), ends, feature.getStride());
      seen.set(feature, { key, tile: tileKey });
      const owner = owners.get(key);
      if (!owner || owner.tile === tileKey) {
        owners.set(key, { tile: tileKey, area: Math.max(area, owner?.area ?? 0) });
      } else if (area > owner.area) {
        owners.set(key, { tile: tileKey, area });
        layersToRedraw.add(layerFor(name));
      }
    }
    if (layersToRedraw.size && !redrawTimer) {
      redrawTimer = setTimeout(() => {
        redrawTimer = 0;
        for (const layer of layersToRedraw) layer?.changed();
        layersToRedraw.clear();
      }, 120);
    }
  });
}

/** True when this rendering of a polygon is the one that carries its label. */
export function ownsLabel(feature) {
  const info = seen.get(feature);
  if (!info) return true;
  const owner = owners.get(info.key);
  return !owner || owner.tile === info.tile;
}
