// Visits mode ("走访"): for a grid's staff on a phone, "my grid" — the households not yet visited this month on the
// map (a layer only its staff may read) and in a list, and a visit recorded with the outcome, findings, notes and
// the device's position, after which list and layer update; for everyone, every grid's completion of a month on
// the map with a month slider, the villages' table and its CSV/Excel export for the town office.

import './visits.css';
import { fromLonLat } from 'ol/proj.js';
import { boundingExtent, buffer } from 'ol/extent.js';
import { getJSON, sendJSON } from './api.js';
import { onLanguageChange, tf } from './i18n.js';
import { currentLocation } from './geolocate.js';
import { createVisitLayers } from './visits-map.js';
import { dashboardRow, householdRow, visitForm } from './visits-view.js';
import { monthsUpTo, percent } from './visit-months.js';

export function createVisitsMode(root, { map, auth, fitExtent, onExit }) {
  const $ = (role) => root.querySelector(`[data-role="${role}"]`);
  const layers = createVisitLayers(map);
  const notice = $('message');
  const slider = $('month');
  let thisMonth = null;
  let months = [];
  let grids = [];
  let grid = null;
  let households = [];
  let recording = null; // the household whose form is open
  let active = false;

  function say(key, vars, detail) {
    notice.textContent = key ? `${tf(key, vars)}${detail ? ` ${detail}` : ''}` : '';
    notice.hidden = !key;
  }

  function isStaff() {
    return auth.hasRole('staff');
  }

  function renderMine() {
    $('login').hidden = isStaff();
    $('mine').hidden = !isStaff();
    const select = $('grid');
    select.replaceChildren(...grids.map((g) => {
      const o = document.createElement('option');
      o.value = String(g.id);
      o.textContent = `${g.name} (${g.code})`;
      o.selected = grid?.id === g.id;
      return o;
    }));
    $('no-grid').hidden = !isStaff() || grids.length > 0;
    $('grid-summary').textContent = grid ? tf('visits.summary', { visited: grid.visited, total: grid.total,
      share: percent(grid.visited, grid.total), left: households.length }) : '';
    const rows = households.map((h) => {
      const row = householdRow(h, { onRecord: openForm, onShow: showHousehold });
      if (recording === h.id) row.append(visitForm(h, { onSave: (v) => save(h, v), onCancel: closeForm }));
      return row;
    });
    $('households').replaceChildren(...rows);
    $('all-visited').hidden = !grid || households.length > 0;
  }

  async function loadMine() {
    if (!isStaff()) {
      grids = [];
      grid = null;
      households = [];
      layers.showUnvisited(null);
      renderMine();
      return;
    }
    root.dataset.mine = 'loading';
    try {
      const answer = await getJSON('/api/visits/mine');
      grids = answer.grids ?? [];
      thisMonth ??= answer.month;
      const keep = grids.find((g) => g.id === grid?.id);
      await chooseGrid(keep ?? grids[0] ?? null, { zoom: !keep });
      root.dataset.mine = 'ready';
    } catch (e) {
      root.dataset.mine = 'error';
      say('visits.failed', {}, e.message);
      renderMine();
    }
  }

  async function chooseGrid(g, { zoom = true } = {}) {
    grid = g;
    recording = null;
    if (!g) {
      households = [];
      layers.showUnvisited(null);
      renderMine();
      return;
    }
    const answer = await getJSON(`/api/grids/${g.id}/unvisited?month=${thisMonth}`);
    households = answer.households ?? [];
    layers.showUnvisited(g.id, thisMonth);
    renderMine();
    if (zoom && households.length) {
      const extent = boundingExtent(households.map((h) => fromLonLat([h.position.lon, h.position.lat])));
      fitExtent(buffer(extent, 80), { maxZoom: 17 });
    }
  }

  function showHousehold(h) {
    const p = fromLonLat([h.position.lon, h.position.lat]);
    fitExtent([p[0] - 60, p[1] - 60, p[0] + 60, p[1] + 60], { maxZoom: 18 });
  }

  function openForm(h) {
    recording = h.id;
    say(null);
    renderMine();
    root.querySelector('[data-testid=visit-outcome]')?.focus();
  }

  function closeForm() {
    recording = null;
    renderMine();
  }

  async function save(h, v) {
    root.dataset.mine = 'saving';
    let position;
    try {
      position = await currentLocation();
    } catch (e) {
      root.dataset.mine = 'ready';
      say(`geo.${e.reason ?? 'unavailable'}`);
      return;
    }
    try {
      const visit = await sendJSON('POST', '/api/visits', {
        household_id: h.id, outcome: v.outcome, findings: v.findings, notes: v.notes,
        position: { lon: position[0], lat: position[1] },
      });
      say(visit.farFromHousehold ? 'visits.savedFar' : 'visits.saved', { id: h.id, metres: Math.round(visit.distanceM) });
      await loadMine();
      await loadDashboard();
    } catch (e) {
      root.dataset.mine = 'ready';
      say('visits.failed', {}, e.message);
    }
  }

  async function loadDashboard() {
    const month = months[Number(slider.value)] ?? thisMonth;
    root.dataset.dashboard = 'loading';
    try {
      const table = await getJSON(`/api/dashboard${month ? `?month=${month}` : ''}`);
      if (!thisMonth) thisMonth = table.month;
      if (!months.length) {
        months = monthsUpTo(thisMonth);
        slider.max = String(months.length - 1);
        slider.value = String(months.length - 1);
      }
      $('month-label').textContent = table.month;
      $('dashboard').replaceChildren(...table.rows.map(dashboardRow));
      for (const format of ['csv', 'xlsx']) {
        $(`export-${format}`).href = `/api/dashboard/export?month=${table.month}&format=${format}`;
      }
      layers.showCompletion(table.month);
      root.dataset.dashboard = 'ready';
    } catch (e) {
      root.dataset.dashboard = 'error';
      say('visits.failed', {}, e.message);
    }
  }

  slider.addEventListener('input', () => {
    $('month-label').textContent = months[Number(slider.value)] ?? '';
  });
  slider.addEventListener('change', () => loadDashboard());
  $('grid').addEventListener('change', (event) => {
    const g = grids.find((x) => String(x.id) === event.target.value);
    chooseGrid(g ?? null).catch((e) => say('visits.failed', {}, e.message));
  });
  $('login-button').addEventListener('click', () => {
    auth.open({ reasonKey: 'login.reason.visits' }).then(() => active && loadMine());
  });
  $('exit').addEventListener('click', () => onExit?.());
  auth.onChange(() => active && loadMine());
  onLanguageChange(() => active && renderMine());

  return {
    async enter() {
      active = true;
      root.hidden = false;
      say(null);
      await loadDashboard();
      await loadMine();
    },
    exit() {
      active = false;
      root.hidden = true;
      layers.hide();
      recording = null;
    },
    click() {
      return false;
    },
    households: () => households,
  };
}
