// The server's HTTP interface, as the viewer uses it. All paths are relative to the page's origin.

export class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function getJSON(path, { signal, accept = 'application/json' } = {}) {
  const response = await fetch(path, { signal, headers: { Accept: accept }, credentials: 'same-origin' });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      if (body?.message) message = body.message;
    } catch {
      // not JSON: keep the status line
    }
    throw new HttpError(response.status, message);
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
