// For the villager: is their home, or the walk to the service point, inside the threat zone of an open
// hazard? The home's answer comes from the server (/api/grids/at lists the open hazards reaching a place,
// with the grid's staff cards); the walk is checked here against the open hazards' zones.

import { fromLonLat } from 'ol/proj.js';
import { fetchGridAt, fetchHazards } from './api.js';
import { readGeometry } from './hazard-layer.js';

const FRESH_MS = 60_000;
let zones = null; // Promise of [{hazard, zone}]
let zonesAt = 0;

/** The open hazards with their zones (map coordinates), fetched at most once a minute. */
export function openHazardZones() {
  if (!zones || Date.now() - zonesAt > FRESH_MS) {
    zonesAt = Date.now();
    zones = fetchHazards({ open: true, zones: true })
      .then((body) => (body?.hazards ?? []).map((hazard) => ({ hazard, zone: readGeometry(hazard.zone) })).filter((z) => z.zone))
      .catch(() => {
        zones = null;
        return [];
      });
  }
  return zones;
}

/** Forget the cached zones (a hazard was saved or changed). */
export function forgetHazardZones() {
  zones = null;
}

/** The hazards whose zone the walk (a list of lon/lat) passes through, sampled every few metres. */
export function hazardsOnRoute(lonLats, list, stepMeters = 4) {
  if (!lonLats?.length || !list.length) return [];
  const points = lonLats.map((c) => fromLonLat(c));
  const hits = [];
  for (const { hazard, zone } of list) {
    const extent = zone.getExtent();
    let found = false;
    for (let i = 0; i + 1 < points.length && !found; i++) {
      const [a, b] = [points[i], points[i + 1]];
      if (Math.max(a[0], b[0]) < extent[0] || Math.min(a[0], b[0]) > extent[2]
        || Math.max(a[1], b[1]) < extent[1] || Math.min(a[1], b[1]) > extent[3]) continue;
      // Web Mercator metres are ~1.15× ground metres here: a finer step than asked
      const n = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / stepMeters));
      for (let k = 0; k <= n && !found; k++) {
        found = zone.intersectsCoordinate([a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n]);
      }
    }
    if (found) hits.push(hazard);
  }
  return hits;
}

/**
 * What the villager should know about hazards at lonLat and along the answer's walk, and the grid's staff:
 * {home: [hazard], route: [hazard], staff: [card] | null, grid, village, facilities (the grid's hub and points,
 * its station and the center), zones: [hazard with zone]}.
 */
export async function hazardsFor(lonLat, answer, signal) {
  const [at, list] = await Promise.all([fetchGridAt(lonLat, signal).catch(() => null), openHazardZones()]);
  const homeIds = new Set((at?.hazards ?? []).map((h) => h.id));
  const home = (at?.hazards ?? []).map((h) => list.find((z) => z.hazard.id === h.id)?.hazard ?? h);
  // the server answers for the home; should it not (an older server), the zones tell
  if (!at) {
    for (const z of list) {
      if (z.zone.intersectsCoordinate(fromLonLat(lonLat))) {
        home.push(z.hazard);
        homeIds.add(z.hazard.id);
      }
    }
  }
  const walk = [answer?.origin, ...(answer?.route?.coordinates ?? [])].filter(Boolean);
  const route = hazardsOnRoute(walk, list).filter((h) => !homeIds.has(h.id));
  const shown = new Set([...homeIds, ...route.map((h) => h.id)]);
  return {
    home,
    route,
    staff: at?.staff ?? null,
    grid: at?.grid ?? null,
    village: at?.village ?? null,
    facilities: at?.facilities ?? [],
    zones: list.filter((z) => shown.has(z.hazard.id)).map((z) => z.hazard),
  };
}
