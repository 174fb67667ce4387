// The server's HTTP interface, as the viewer uses it. All paths are relative to the page's origin.

export class HttpError extends Error {
  /** status: the HTTP status; code: the server's error code ("outside_town", "bad_request"…) when it sent one. */
  constructor(status, message, code = null) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function getJSON(path, { signal, accept = 'application/json' } = {}) {
  const response = await fetch(path, { signal, headers: { Accept: accept }, credentials: 'same-origin' });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    let code = null;
    try {
      const body = await response.json();
      if (body?.message) message = body.message;
      if (typeof body?.error === 'string') code = body.error;
    } catch {
      // not JSON: keep the status line
    }
    throw new HttpError(response.status, message, code);
  }
  return response.json();
}

const GEOJSON = 'application/geo+json, application/json';

/** The town polygons (GeoJSON FeatureCollection, lon/lat). */
export function fetchTowns(signal) {
  return getJSON('/ogc/collections/towns/items?limit=10', { signal, accept: GEOJSON });
}

export function fetchVillages(signal) {
  return getJSON('/ogc/collections/villages/items?limit=100', { signal, accept: GEOJSON });
}

/** One feature with all its properties (GeoJSON Feature, lon/lat). */
export function fetchItem(collection, id, signal) {
  return getJSON(`/ogc/collections/${encodeURIComponent(collection)}/items/${encodeURIComponent(id)}`,
    { signal, accept: GEOJSON });
}

export function fetchTileJson(signal) {
  return getJSON('/tiles/basemap.json', { signal });
}

/** Deployment settings for the viewer; an empty object when the server has none. */
export async function fetchConfig(signal) {
  try {
    return (await getJSON('/api/config', { signal })) ?? {};
  } catch {
    return {};
  }
}

/** The Tianditu key of a deployment, under any of the names a config may use for it. */
export function tiandituKeyOf(config) {
  return config?.tianditu?.tk ?? config?.tianditu?.key ?? config?.tiandituKey ?? config?.tianditu_tk
    ?? config?.tk ?? null;
}

export function search(text, signal) {
  return getJSON(`/api/search?q=${encodeURIComponent(text)}`, { signal });
}

// ------------------------------------------------------------------ the four rings

/** The nearest service point on foot from lon/lat, with route, grid, staff and chain (k: also the k nearest). */
export function fetchNearest([lon, lat], { k = 3, signal } = {}) {
  return getJSON(`/api/nearest?lon=${lon.toFixed(7)}&lat=${lat.toFixed(7)}&k=${k}`, { signal });
}

/** The ring policy: minutes, modes and names of the four rings. */
export function fetchRingPolicy(signal) {
  return getJSON('/api/rings', { signal });
}

export function fetchCompliance({ worst = 10, signal } = {}) {
  return getJSON(`/api/rings/compliance?worst=${worst}`, { signal });
}

/** A facility's network isochrone and its plain coverage circle (FeatureCollection, lon/lat). */
export function fetchIsochrone(facility, { minutes, signal } = {}) {
  const extra = minutes ? `&minutes=${minutes}` : '';
  return getJSON(`/api/isochrones?facility=${encodeURIComponent(facility)}${extra}`, { signal, accept: GEOJSON });
}

/** Households with seconds to their nearest service point, inside [minLon, minLat, maxLon, maxLat]. */
export function fetchHouseholdTimes(bbox, signal) {
  return getJSON(`/api/coverage/households?bbox=${bbox.map((v) => v.toFixed(6)).join(',')}`, { signal, accept: GEOJSON });
}

export function fetchGaps(signal) {
  return getJSON('/api/coverage/gaps', { signal, accept: GEOJSON });
}

export function fetchSuggestions(count, signal) {
  return getJSON(`/api/coverage/suggestions?count=${count}`, { signal });
}
