// Geometries for editing, exact to the bit. The grids of a village tile it vertex for vertex, and the server
// checks that edges still match: a vertex the planner did not move must go back exactly as it came, not as
// lon/lat → Web Mercator → lon/lat (which changes the last bits). So every loaded vertex is remembered by its
// map coordinate, and a vertex that still sits there is written back with its original lon/lat.

import { fromLonLat, toLonLat } from 'ol/proj.js';
import Point from 'ol/geom/Point.js';
import LineString from 'ol/geom/LineString.js';
import Polygon from 'ol/geom/Polygon.js';
import MultiPolygon from 'ol/geom/MultiPolygon.js';

/** The lattice of the data set (1e-7° ≈ 1 cm): new vertices are put on it. */
const LATTICE = 1e7;

const DEPTH = { Point: 0, LineString: 1, Polygon: 2, MultiPolygon: 3 };
const MAKE = { Point, LineString, Polygon, MultiPolygon };

function mapPositions(coordinates, depth, fn) {
  if (depth === 0) return fn(coordinates);
  return coordinates.map((c) => mapPositions(c, depth - 1, fn));
}

export function createCoordinateBook() {
  const book = new Map();
  const key = (c) => `${c[0]},${c[1]}`;

  function project(lonLat) {
    const c = fromLonLat([lonLat[0], lonLat[1]]);
    book.set(key(c), [lonLat[0], lonLat[1]]);
    return c;
  }

  function unproject(c) {
    const known = book.get(key(c));
    if (known) return [known[0], known[1]];
    const [lon, lat] = toLonLat(c);
    return [Math.round(lon * LATTICE) / LATTICE, Math.round(lat * LATTICE) / LATTICE];
  }

  return {
    clear() {
      book.clear();
    },
    project,
    unproject,
    /** A GeoJSON geometry (lon/lat) as an OpenLayers geometry in the map's projection. */
    read(geometry) {
      const depth = DEPTH[geometry?.type];
      if (depth === undefined) throw new Error(`unsupported geometry ${geometry?.type}`);
      return new MAKE[geometry.type](mapPositions(geometry.coordinates, depth, project));
    },
    /** An OpenLayers geometry back to GeoJSON (lon/lat), with the original values of unmoved vertices. */
    write(geometry) {
      const type = geometry.getType();
      const depth = DEPTH[type];
      if (depth === undefined) throw new Error(`unsupported geometry ${type}`);
      return { type, coordinates: mapPositions(geometry.getCoordinates(), depth, unproject) };
    },
  };
}

/** The flat coordinates of a geometry, copied (to tell later whether it changed). */
export function snapshot(geometry) {
  return Float64Array.from(geometry.getFlatCoordinates());
}

export function sameAs(geometry, flat) {
  const now = geometry.getFlatCoordinates();
  if (now.length !== flat.length) return false;
  for (let i = 0; i < now.length; i++) if (now[i] !== flat[i]) return false;
  return true;
}

/** Every vertex of a polygon or multipolygon (map coordinates), for drawing the handles. */
export function verticesOf(geometry) {
  const type = geometry.getType();
  if (type === 'MultiPolygon') return geometry.getCoordinates().flat(2);
  if (type === 'Polygon') return geometry.getCoordinates().flat(1);
  if (type === 'LineString') return geometry.getCoordinates();
  return [];
}
