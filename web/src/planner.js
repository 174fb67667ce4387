// Planner mode ("网格规划"): redraw the grids of one village on the map. The village's grids are loaded at full
// precision into an editable layer: OpenLayers Modify + Snap move a vertex in every grid that shares it, Draw
// cuts a grid along a line, a click and a shift-click pick two grids to merge, Translate drags a service
// facility. The changes form one edit set; "预览" asks the server for its impact (a dry run), "保存" commits it
// with a message, "撤销" reloads. Conflicts (409) and broken invariants (422) are shown on the map. The history
// tab lists the edits of the selected grid and of the town, with their shapes and a revert; the files tab
// exports the village and imports an edited file as an edit set.

import Modify from 'ol/interaction/Modify.js';
import Snap from 'ol/interaction/Snap.js';
import Draw from 'ol/interaction/Draw.js';
import Translate from 'ol/interaction/Translate.js';
import { onLanguageChange } from './i18n.js';
import { createCoordinateBook } from './planner-geometry.js';
import { createPlannerLayers } from './planner-layers.js';
import { createPlannerApi } from './planner-api.js';
import { createPlannerMap } from './planner-map.js';
import { createPlannerPanels } from './planner-panels.js';
import { createPlannerState, emptyImport, hasUnsaved } from './planner-state.js';
import { loadRingPolicy } from './rings.js';

export function createPlannerMode(root, { map, auth, pickGrid, refreshTiles, fitExtent, onExit }) {
  const $ = (role) => root.querySelector(`[data-role="${role}"]`);
  const dom = {
    villageSelect: $('village'),
    villageHint: $('village-hint'),
    toolHint: $('tool-hint'),
    statusBox: $('status'),
    messageInput: $('message-input'),
    previewButton: $('preview'),
    saveButton: $('save'),
    discardButton: $('discard'),
    messageBox: $('message'),
    impactBox: $('impact'),
    historyBox: $('history'),
    historyMessage: $('history-message'),
    exportsBox: $('exports'),
    importInput: $('import-file'),
    importMessage: $('import-message'),
    importImpactBox: $('import-impact'),
    importConfirm: $('import-confirm'),
    toolButtons: [...root.querySelectorAll('[data-tool]')],
    tabButtons: [...root.querySelectorAll('[data-tab]')],
    tabPanels: [...root.querySelectorAll('[data-tab-panel]')],
    scopeButtons: [...root.querySelectorAll('[data-scope]')],
  };
  const {
    villageSelect, messageInput, previewButton, saveButton, discardButton, importInput, importConfirm, toolButtons,
    tabButtons, scopeButtons,
  } = dom;

  const s = createPlannerState();
  const { look } = s;
  const layers = createPlannerLayers(map, look);
  const gridSource = layers.grids.getSource();
  const modify = new Modify({ source: gridSource, pixelTolerance: 10 });
  const snap = new Snap({ source: gridSource, pixelTolerance: 8 });
  const draw = new Draw({ source: layers.line.getSource(), type: 'LineString' });
  const translate = new Translate({ layers: [layers.facilities], hitTolerance: 6 });
  const interactions = [modify, draw, translate, snap]; // Snap last: it sees the pointer first

  // one context the parts share: each adds its functions, and calls the others' through it (late bound)
  const c = {
    s, look, dom, root, map, auth, pickGrid, refreshTiles, fitExtent, onExit, layers, gridSource,
    facilitySource: layers.facilities.getSource(), book: createCoordinateBook(), modify, snap, draw, translate,
    waiters: { preview: [], saved: [], loaded: [], history: [] },
  };
  Object.assign(c, createPlannerApi(c), createPlannerMap(c), createPlannerPanels(c));
  const { waiters } = c;

  // closing or reloading the page with unsaved work: the browser asks
  window.addEventListener('beforeunload', (event) => {
    if (s.active && hasUnsaved(s)) event.preventDefault();
  });

  // ---------------------------------------------------------------- wiring
  villageSelect.addEventListener('change', () => {
    const code = villageSelect.value;
    if (hasUnsaved(s)) {
      villageSelect.value = s.village?.code ?? '';
      s.notice = { kind: 'info', key: 'planner.unsavedSwitch' };
      c.render();
      return;
    }
    s.selection = [];
    if (code) c.loadVillage(code);
  });
  for (const b of toolButtons) b.addEventListener('click', () => c.setTool(b.dataset.tool));
  for (const b of tabButtons) b.addEventListener('click', () => c.setTab(b.dataset.tab));
  for (const b of scopeButtons) {
    b.addEventListener('click', () => {
      s.historyScope = b.dataset.scope;
      s.historyNotice = null;
      c.loadHistory();
      c.renderHistoryTab();
    });
  }
  previewButton.addEventListener('click', () => c.runPreview());
  saveButton.addEventListener('click', () => c.save());
  discardButton.addEventListener('click', () => c.discard());
  messageInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !saveButton.disabled) c.save();
  });
  importInput.addEventListener('change', () => {
    const file = importInput.files?.[0];
    if (file) c.importFile(file, { dryRun: true });
  });
  importConfirm.addEventListener('click', () => {
    if (s.importState.file) c.importFile(s.importState.file, { dryRun: false });
  });
  $('exit').addEventListener('click', () => onExit?.());
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.target.closest('input, select, textarea')) return;
    // Escape never throws away unsaved work: it stops a line being drawn, or leaves a mode with nothing pending
    if (s.tool === 'split') draw.abortDrawing();
    else if (!hasUnsaved(s)) onExit?.();
  });
  onLanguageChange(() => {
    c.renderVillageSelect();
    c.render();
  });

  return {
    enter() {
      s.active = true;
      root.hidden = false;
      layers.setVisible(true);
      for (const i of interactions) map.addInteraction(i);
      loadRingPolicy();
      s.phase = s.village ? 'ready' : 'idle';
      c.render();
      c.loadVillages().then(() => c.render());
      if (s.village) c.loadVillage(s.village.code, { fit: false });
    },
    /** Whether the mode may close now: unsaved work asks first (a second attempt leaves and drops it). */
    canLeave() {
      if (!s.active || !hasUnsaved(s) || s.leaveWarned) return true;
      s.leaveWarned = true;
      s.notice = { kind: 'info', key: 'planner.unsavedLeave' };
      c.render();
      return false;
    },
    exit() {
      s.leaveWarned = false;
      s.active = false;
      s.loadToken++;
      for (const i of interactions) {
        i.setActive(false);
        map.removeInteraction(i);
      }
      draw.abortDrawing();
      layers.clear();
      layers.setVisible(false);
      s.grids.clear();
      s.facilities.clear();
      s.selection = [];
      s.split = null;
      s.preview = null;
      s.impact = null;
      s.notice = null;
      s.historyNotice = null;
      s.pinned = null;
      s.history = { state: 'idle', edits: [], key: null };
      s.importState = emptyImport();
      look.changed.clear();
      look.moved.clear();
      look.conflict.clear();
      look.selected.clear();
      s.phase = 'idle';
      s.tool = 'edit';
      s.tab = 'edit';
      root.hidden = true;
      map.getViewport().classList.remove('drawing');
    },
    click(event) {
      if (!s.active) return false;
      c.click(event);
      return true;
    },
    // hooks for tests and the console
    loadVillage: (code, options) => c.loadVillage(code, options),
    setTool: (name) => c.setTool(name),
    setTab: (name) => c.setTab(name),
    select: (id, additive = false) => c.select(id, additive),
    preview: () => c.runPreview(),
    save: () => c.save(),
    discard: () => c.discard(),
    state: () => ({
      phase: s.phase, tool: s.tool, tab: s.tab, village: s.village?.code ?? null, selection: [...s.selection], changed: [...look.changed],
      moved: [...look.moved], conflict: [...look.conflict], split: s.split, notice: s.notice && { kind: s.notice.kind, key: s.notice.key },
      grids: [...s.grids].map(([id, g]) => ({ id, code: g.code, version: g.version })),
    }),
    whenPreviewed: () => new Promise((resolve) => waiters.preview.push(resolve)),
    whenSaved: () => new Promise((resolve) => waiters.saved.push(resolve)),
    whenLoaded: () => new Promise((resolve) => waiters.loaded.push(resolve)),
    whenHistory: () => new Promise((resolve) => waiters.history.push(resolve)),
    layers,
  };
}
