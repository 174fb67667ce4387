// The server's HTTP interface, as the viewer uses it. All paths are relative to the page's origin.

export class HttpError extends Error {
  /**
   * status: the HTTP status; code: the server's error code ("outside_town", "version_conflict"…) when it sent one;
   * body: the whole error answer ({error, message, problems, stale…}); retryAfter: seconds, from a 429.
   */
  constructor(status, message, code = null, body = null, retryAfter = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
    this.retryAfter = retryAfter;
  }
}

/** The bearer token of the logged-in user (also sent as an HttpOnly cookie by the server). */
let bearer = null;

export function setBearerToken(token) {
  bearer = token || null;
}

async function failure(response) {
  let message = `${response.status} ${response.statusText}`;
  let code = null;
  let body = null;
  try {
    body = await response.json();
    if (body?.message) message = body.message;
    if (typeof body?.error === 'string') code = body.error;
  } catch {
    // not JSON: keep the status line
  }
  const retry = Number(response.headers.get('Retry-After'));
  return new HttpError(response.status, message, code, body, Number.isFinite(retry) && retry > 0 ? retry : null);
}

function headers(accept, extra = {}) {
  const out = { Accept: accept, ...extra };
  if (bearer) out.Authorization = `Bearer ${bearer}`;
  return out;
}

export async function getJSON(path, { signal, accept = 'application/json' } = {}) {
  const response = await fetch(path, { signal, headers: headers(accept), credentials: 'same-origin' });
  if (!response.ok) throw await failure(response);
  return response.json();
}

/**
 * Sends a request with a JSON body (or raw bytes: {raw, contentType}) and reads the JSON answer; an empty answer
 * (204) gives null. Failures throw HttpError with the server's whole error body.
 */
export async function sendJSON(method, path, body, { signal, raw = null, contentType = 'application/octet-stream' } = {}) {
  const init = { method, signal, credentials: 'same-origin', headers: headers('application/json') };
  if (raw !== null) {
    init.body = raw;
    init.headers['Content-Type'] = contentType;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, init);
  if (!response.ok) throw await failure(response);
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

const GEOJSON = 'application/geo+json, application/json';

/** Every word list of the server (hazard types, grades, statuses…): {lang, lists: {id: [{id, zh, en, …}]}}. */
export function fetchVocabulary(signal) {
  return getJSON('/api/vocabulary', { signal });
}

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

// ------------------------------------------------------------------ accounts

/** Logs in: {token, tokenType, expiresAt, user: {id, username, role}}. */
export function login(username, password) {
  return sendJSON('POST', '/api/session', { username, password });
}

/** The logged-in user ({user}), or an HttpError 401. */
export function fetchSession(signal) {
  return getJSON('/api/session', { signal });
}

export function logout() {
  return sendJSON('DELETE', '/api/session');
}

// ------------------------------------------------------------------ planners: grid edits

/** The grids of one village with full properties and geometry (GeoJSON, lon/lat). */
export function fetchVillageGrids(villageCode, signal) {
  return getJSON(`/ogc/collections/grids/items?village=${encodeURIComponent(villageCode)}&limit=1000`,
    { signal, accept: GEOJSON });
}

/** Service facilities (all levels) inside [minLon, minLat, maxLon, maxLat]. */
export function fetchFacilitiesIn(bbox, signal) {
  return getJSON(`/ogc/collections/service-points/items?bbox=${bbox.map((v) => v.toFixed(6)).join(',')}&limit=1000`,
    { signal, accept: GEOJSON });
}

/** An edit set {edits, facilities, dryRun, message}: the impact (200 dry run, 201 saved). */
export function postGridEdits(body, signal) {
  return sendJSON('POST', '/api/grids/edits', body, { signal });
}

export function postSplit(gridId, body, signal) {
  return sendJSON('POST', `/api/grids/${encodeURIComponent(gridId)}/split`, body, { signal });
}

export function postMerge(body, signal) {
  return sendJSON('POST', '/api/grids/merge', body, { signal });
}

export function postFacilityMove(facilityId, body, signal) {
  return sendJSON('POST', `/api/facilities/${encodeURIComponent(facilityId)}/move`, body, { signal });
}

export function fetchGridHistory(gridId, signal) {
  return getJSON(`/api/grids/${encodeURIComponent(gridId)}/history`, { signal });
}

export function fetchEditLog({ limit = 50, signal } = {}) {
  return getJSON(`/api/edits?limit=${limit}`, { signal });
}

/** One edit set with every grid it touched, before and after. */
export function fetchEdit(editId, signal) {
  return getJSON(`/api/edits/${encodeURIComponent(editId)}`, { signal });
}

export function revertEdit(editId, body = {}, signal) {
  return sendJSON('POST', `/api/edits/${encodeURIComponent(editId)}/revert`, body, { signal });
}

/** Where the grids of a village can be downloaded as format (geojson, shp, gpkg). */
export function exportUrl(villageCode, format) {
  return `/api/grids/export?village=${encodeURIComponent(villageCode)}&format=${encodeURIComponent(format)}`;
}

/** An edited export back as an edit set: the file's bytes as the body. */
export function importGrids(file, { format, dryRun = true, message = '', signal } = {}) {
  const query = new URLSearchParams({ format, dryRun: String(dryRun) });
  if (message) query.set('message', message);
  return sendJSON('POST', `/api/grids/import?${query}`, undefined, { signal, raw: file });
}

// ------------------------------------------------------------------ hazard monitors, grid staff

/** Hazards with their grids and monitors; query: {status, open, zones, limit…}. */
export function fetchHazards(query = {}, signal) {
  const params = new URLSearchParams({ limit: '1000', ...Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)])) });
  return getJSON(`/api/hazards?${params}`, { signal });
}

/** The hazards reaching the grids the logged-in user serves in, and those grids. */
export function fetchMyHazards(signal) {
  return getJSON('/api/monitors/me/hazards', { signal });
}

export function fetchHazard(id, signal) {
  return getJSON(`/api/hazards/${encodeURIComponent(id)}`, { signal });
}

/** The impact and suggested grade of a hazard not yet saved (the body of a create). */
export function previewHazard(body, signal) {
  return sendJSON('POST', '/api/hazards/impact', body, { signal });
}

export function fetchHazardImpact(id, signal) {
  return getJSON(`/api/hazards/${encodeURIComponent(id)}/impact?households=50`, { signal });
}

export function createHazard(body, signal) {
  return sendJSON('POST', '/api/hazards', body, { signal });
}

export function patchHazard(id, body, signal) {
  return sendJSON('PATCH', `/api/hazards/${encodeURIComponent(id)}`, body, { signal });
}

export function fetchInspections(id, signal) {
  return getJSON(`/api/hazards/${encodeURIComponent(id)}/inspections`, { signal });
}

export function postInspection(id, body, signal) {
  return sendJSON('POST', `/api/hazards/${encodeURIComponent(id)}/inspections`, body, { signal });
}

/** The grid at lon/lat: grid, village, staff cards, facilities, open hazards reaching the place. */
export function fetchGridAt([lon, lat], signal) {
  return getJSON(`/api/grids/at?lon=${lon.toFixed(7)}&lat=${lat.toFixed(7)}`, { signal });
}
