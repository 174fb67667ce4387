// Monitor mode ("地灾监测"): a tap on the map pins a new hazard (or "画范围" draws its zone as a polygon), the
// form takes its type, name, threat radius, description, grade and whether it blocks roads; while the form
// changes the server's dry run tells who and what the zone threatens and the grade the national scale
// suggests, before anything is saved. Saved hazards are drawn by type and grade with their threat zones; a
// tap on one shows its facts, impact and inspection log, and lets the monitor record an inspection (with a
// status change along the lifecycle), change the grade and mark its roads blocked or open again.

import Draw from 'ol/interaction/Draw.js';
import Point from 'ol/geom/Point.js';
import { onLanguageChange } from './i18n.js';
import { createClosedRoadsLayer } from './closed-roads.js';
import { createDraftLayer, createHazardLayer } from './hazard-layer.js';
import { createMonitorApi } from './monitor-api.js';
import { createMonitorMap, writeGeometry } from './monitor-map.js';
import { createMonitorPanels } from './monitor-panels.js';
import { createMonitorState, idleImpact } from './monitor-state.js';

export { hazardGrades, hazardTypes } from './monitor-state.js';

export function createMonitorMode(root, { map, auth, refreshTiles, fitExtent, onExit }) {
  const $ = (role) => root.querySelector(`[data-role="${role}"]`);
  const form = $('form');
  const dom = {
    hint: $('hint'),
    messageBox: $('message'),
    form,
    where: $('where'),
    formError: $('form-error'),
    impactBox: $('impact'),
    detailsBox: $('impact-details'),
    detailBox: $('detail'),
    listBox: $('list'),
    toolButtons: [...root.querySelectorAll('[data-tool]')],
    scopeButtons: [...root.querySelectorAll('[data-scope]')],
    fields: {
      type: form.querySelector('[name="type"]'),
      name: form.querySelector('[name="name"]'),
      radius: form.querySelector('[name="radius"]'),
      grade: form.querySelector('[name="grade"]'),
      status: form.querySelector('[name="status"]'),
      description: form.querySelector('[name="description"]'),
      blocks: form.querySelector('[name="blocks"]'),
    },
    saveButton: form.querySelector('[data-role="save"]'),
    cancelButton: form.querySelector('[data-role="cancel"]'),
  };
  const { formError, toolButtons, scopeButtons, fields, cancelButton } = dom;

  const s = createMonitorState();
  const hazardsLayer = createHazardLayer(map, { name: 'hazards-live', zIndex: 55 });
  const draftLayer = createDraftLayer(map, { zIndex: 58 });
  const closedRoads = createClosedRoadsLayer(map, { zIndex: 56 });
  const draw = new Draw({ type: 'Polygon' });
  draw.setActive(false);
  // one context the parts share: each adds its functions, and calls the others' through it (late bound)
  const c = {
    s, dom, root, map, auth, refreshTiles, fitExtent, onExit, hazardsLayer, draftLayer, closedRoads, draw,
    waiters: { impact: [], saved: [], list: [], detail: [] },
  };
  Object.assign(c, createMonitorApi(c), createMonitorMap(c), createMonitorPanels(c));
  const { waiters } = c;

  for (const el of Object.values(fields)) {
    el.addEventListener('input', () => {
      formError.hidden = true;
      c.schedulePreview();
    });
    el.addEventListener('change', () => c.schedulePreview());
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    c.save();
  });
  cancelButton.addEventListener('click', () => c.clearDraft());
  for (const b of toolButtons) b.addEventListener('click', () => c.setTool(b.dataset.tool));
  for (const b of scopeButtons) {
    b.addEventListener('click', async () => {
      s.scope = b.dataset.scope;
      if (s.scope === 'mine') await c.loadMine();
      c.renderList();
    });
  }
  $('exit').addEventListener('click', () => onExit?.());
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.target.closest('input, select, textarea')) return;
    if (s.tool === 'zone') draw.abortDrawing();
    else if (s.draft) c.clearDraft();
    else onExit?.();
  });
  onLanguageChange(() => {
    c.fillForm();
    hazardsLayer.layer.changed();
    c.render();
  });
  c.fillForm();

  return {
    enter() {
      s.active = true;
      root.hidden = false;
      hazardsLayer.setVisible(true);
      draftLayer.setVisible(true);
      closedRoads.setVisible(true);
      map.addInteraction(draw);
      map.getViewport().classList.add('locating');
      fields.radius.value = fields.radius.value || '100';
      c.render();
      c.loadHazards();
    },
    exit() {
      s.active = false;
      clearTimeout(s.previewTimer);
      s.previewController?.abort();
      draw.setActive(false);
      draw.abortDrawing();
      map.removeInteraction(draw);
      hazardsLayer.clear();
      hazardsLayer.setVisible(false);
      draftLayer.clear();
      draftLayer.setVisible(false);
      closedRoads.clear();
      closedRoads.setVisible(false);
      s.closedRoadsKey = null;
      s.draft = null;
      s.selected = null;
      s.notice = null;
      s.detailNotice = null;
      s.draftImpact = idleImpact();
      s.tool = 'pin';
      form.reset();
      root.hidden = true;
      map.getViewport().classList.remove('locating');
    },
    click(event) {
      if (!s.active) return false;
      if (s.tool === 'zone') return true;
      const hazard = hazardsLayer.hazardAt(event.pixel);
      if (hazard) c.selectHazard(hazard.id);
      else c.setDraft(new Point(event.coordinate));
      return true;
    },
    // hooks for tests and the console
    pin: (coordinate) => c.setDraft(new Point(coordinate)),
    preview: () => c.runPreview(),
    save: () => c.save(),
    select: (id) => c.selectHazard(id),
    setTool: (name) => c.setTool(name),
    state: () => ({ tool: s.tool, draft: Boolean(s.draft), impact: s.draftImpact.state, selected: s.selected?.hazard?.id ?? null,
      geometry: s.draft ? writeGeometry(s.draft) : null, body: s.draft ? c.formBody() : null }),
    whenImpact: () => new Promise((resolve) => waiters.impact.push(resolve)),
    whenSaved: () => new Promise((resolve) => waiters.saved.push(resolve)),
    whenList: () => new Promise((resolve) => waiters.list.push(resolve)),
    whenDetail: () => new Promise((resolve) => waiters.detail.push(resolve)),
    layer: hazardsLayer,
  };
}
