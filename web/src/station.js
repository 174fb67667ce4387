// Station view ("服务站"), for a village station — its grid leaders stand for it until stations have positions of
// their own — and admins: each grid's 3-day reports with the late and missing ones flagged (a report is due when
// day 4 begins), urgent items arriving live (server-sent events; the notification log for what came before), and
// the village's open cases, listed and drawn on the map.

import './station.css';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import Style from 'ol/style/Style.js';
import Stroke from 'ol/style/Stroke.js';
import Fill from 'ol/style/Fill.js';
import CircleStyle from 'ol/style/Circle.js';
import { getJSON } from './api.js';
import { element } from './dom.js';
import { onLanguageChange, t, tf } from './i18n.js';

const geojson = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });
const CASE_STYLE = {
  due: new Style({ image: new CircleStyle({ radius: 7, fill: new Fill({ color: '#f9a825' }), stroke: new Stroke({ color: '#fff', width: 2 }) }) }),
  overdue: new Style({ image: new CircleStyle({ radius: 8, fill: new Fill({ color: '#b3261e' }), stroke: new Stroke({ color: '#fff', width: 2 }) }) }),
};

export function createStationMode(root, { map, onExit }) {
  const $ = (role) => root.querySelector(`[data-role="${role}"]`);
  const form = $('village-form');
  const villageInput = form.querySelector('[name="village"]');
  const notice = $('message');
  const source = new VectorSource();
  const layer = new VectorLayer({ source, zIndex: 40, style: (f) => (f.get('overdue') ? CASE_STYLE.overdue : CASE_STYLE.due) });
  layer.set('name', 'open-cases');
  let state = { flags: [], notifications: [], cases: [] };
  let events = null;
  let active = false;

  function say(key, vars, detail) {
    notice.textContent = key ? `${tf(key, vars)}${detail ? ` ${detail}` : ''}` : '';
    notice.hidden = !key;
  }

  function flagRow(f) {
    return element('li', { class: `station-item ${f.state}`, 'data-testid': 'station-flag', 'data-grid': f.grid.code,
      'data-period': f.period, 'data-state': f.state },
    element('strong', { text: `${f.grid.name ?? f.grid.code} · ${f.leader ?? ''}` }),
    element('span', { text: tf(`station.state.${f.state}`, { period: f.period }) }));
  }

  function urgentRow(n) {
    return element('li', { class: 'station-item urgent', 'data-testid': 'station-urgent', 'data-report': n.report },
      element('strong', { text: `${n.grid} · ${new Date(n.at).toLocaleString()}` }),
      element('span', { text: n.summary ?? (n.items ?? []).join('；') }));
  }

  function caseRow(k) {
    return element('li', { class: `station-item${k.overdue ? ' late' : ''}`, 'data-testid': 'station-case', 'data-case': k.id },
      element('strong', { text: `${t(`station.kind.${k.kind}`)} · ${k.title}` }),
      element('span', { text: tf(k.overdue ? 'station.caseOverdue' : 'station.caseDue', { grid: k.grid.code, due: k.dueAt.slice(0, 10) }) }));
  }

  function render() {
    $('flags').replaceChildren(...state.flags.map(flagRow));
    $('flags-empty').hidden = state.flags.length > 0;
    $('urgent').replaceChildren(...state.notifications.map(urgentRow));
    $('urgent-empty').hidden = state.notifications.length > 0;
    $('cases').replaceChildren(...state.cases.map(caseRow));
    $('cases-empty').hidden = state.cases.length > 0;
  }

  function listen(village) {
    events?.close();
    events = new EventSource(`/api/stations/${village}/events`);
    events.addEventListener('ready', () => { root.dataset.live = 'true'; });
    events.addEventListener('urgent', (e) => {
      const n = JSON.parse(e.data);
      state.notifications = [{ report: n.report, grid: n.grid, at: n.at, items: n.items }, ...state.notifications];
      say('station.urgentArrived', { grid: n.grid });
      render();
    });
    events.onerror = () => { root.dataset.live = 'false'; };
  }

  async function load() {
    const village = villageInput.value.trim();
    if (!/^[0-9]{12}$/.test(village)) return say('station.villageCode');
    root.dataset.state = 'loading';
    try {
      const q = new URLSearchParams({ village, status: 'open,in_progress' });
      const [reports, log, cases, open] = await Promise.all([
        getJSON(`/api/stations/${village}/reports?periods=10`),
        getJSON(`/api/stations/${village}/notifications`),
        getJSON(`/api/cases?${q}`),
        getJSON('/api/cases/layer'),
      ]);
      state = { flags: reports.flags, notifications: log.notifications, cases: cases.cases };
      source.clear();
      source.addFeatures(geojson.readFeatures({ ...open,
        features: open.features.filter((f) => state.cases.some((k) => k.id === f.id)) }));
      listen(village);
      say(null);
      root.dataset.state = 'ready';
    } catch (e) {
      root.dataset.state = 'error';
      say('station.failed', {}, e.message);
    }
    render();
  }

  async function guessVillage() {
    if (villageInput.value) return;
    try {
      const mine = await getJSON('/api/cases/layer');
      const code = mine.features[0]?.properties?.grid;
      if (code) villageInput.value = String(code).slice(0, 12);
    } catch {
      // the village is typed in instead
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  $('exit').addEventListener('click', () => onExit?.());
  onLanguageChange(() => active && render());

  return {
    async enter() {
      active = true;
      root.hidden = false;
      map.addLayer(layer);
      say(null);
      await guessVillage();
      if (villageInput.value) load();
    },
    exit() {
      active = false;
      root.hidden = true;
      events?.close();
      events = null;
      map.removeLayer(layer);
      source.clear();
      state = { flags: [], notifications: [], cases: [] };
      root.dataset.state = 'idle';
    },
    click() {
      return false;
    },
    reload: load,
  };
}
