// The planner on the map: the loaded grids and facilities as editable features, the tools (Modify + Snap,
// Draw to split, clicks to select and merge, Translate to move a facility) and what they leave drawn.

import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { fromLonLat } from 'ol/proj.js';
import { sameAs, snapshot } from './planner-geometry.js';
import { codesIn, hasUnsaved, operation, staleIds, TOOLS, toolAllowed } from './planner-state.js';

const plain = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

export function createPlannerMap(c) {
  const { s, map, pickGrid, fitExtent, layers, gridSource, facilitySource, book, modify, snap, draw, translate, look } = c;
  function changedGridIds() {
    const out = [];
    for (const [id, g] of s.grids) {
      const f = gridSource.getFeatureById(id);
      if (f && !sameAs(f.getGeometry(), g.original)) out.push(id);
    }
    return out;
  }

  function movedFacilityIds() {
    const out = [];
    for (const [id, fac] of s.facilities) {
      const f = facilitySource.getFeatureById(id);
      if (f && !sameAs(f.getGeometry(), fac.original)) out.push(id);
    }
    return out;
  }

  /** The boundaries as loaded, dashed under the s.grids being changed, so the planner sees what moved. */
  function drawBefore() {
    const source = layers.before.getSource();
    source.clear();
    for (const id of look.changed) {
      const g = s.grids.get(id);
      if (g) source.addFeature(new Feature({ geometry: g.shape.clone() }));
    }
  }

  function touch() {
    s.revision++;
    look.changed = new Set(changedGridIds());
    look.moved = new Set(movedFacilityIds());
    drawBefore();
    layers.preview.getSource().clear();
    if (s.notice && s.notice.kind !== 'info') s.notice = null;
    c.render();
  }

  function drawPreviewShapes(answer) {
    const source = layers.preview.getSource();
    source.clear();
    for (const g of answer.grids ?? []) {
      if (g.status === 'unchanged') continue;
      // an edit of the drawn grids: the server's shapes are the ones on screen (vertex matching aside)
      if (answer.kind === 'edit' && g.status === 'changed' && look.changed.has(g.id)) continue;
      let geometry = g.geometry;
      if (!geometry && g.status === 'removed') geometry = null;
      if (!geometry) {
        const f = gridSource.getFeatureById(g.id);
        if (f) source.addFeature(new Feature({ geometry: f.getGeometry().clone(), status: 'removed' }));
        continue;
      }
      const feature = plain.readFeature({ type: 'Feature', geometry, properties: { status: g.status } });
      source.addFeature(feature);
    }
  }

  function showProblems(current) {
    look.conflict.clear();
    const problemsSource = layers.problems.getSource();
    problemsSource.clear();
    if (!current) return;
    const byCode = new Map([...s.grids].map(([id, g]) => [g.code, id]));
    for (const id of staleIds(current)) if (s.grids.has(id)) look.conflict.add(id);
    (current.problems ?? []).forEach((p, i) => {
      for (const code of codesIn(p.what)) if (byCode.has(code)) look.conflict.add(byCode.get(code));
      if (Array.isArray(p.location) && p.location.length >= 2) {
        problemsSource.addFeature(new Feature({ geometry: new Point(fromLonLat(p.location)), n: i + 1 }));
      }
    });
    // a problem that names no grid (a gap in the s.village): the s.grids being edited are the ones at fault
    if (current.kind === 'invalid' && !look.conflict.size) {
      const op = operation(s);
      const ids = op?.kind === 'split' ? [op.gridId] : op?.kind === 'merge' ? op.ids : [...look.changed];
      for (const id of ids) look.conflict.add(id);
    }
    layers.refresh();
  }

  function fill(gridFeatures, facilityFeatures) {
    book.clear();
    layers.clear();
    s.grids.clear();
    s.facilities.clear();
    s.split = null;
    s.preview = null;
    s.revision++;
    look.changed.clear();
    look.moved.clear();
    look.conflict.clear();
    for (const item of gridFeatures) {
      if (!item.geometry) continue;
      const feature = new Feature({ geometry: book.read(item.geometry) });
      feature.setId(item.id);
      const p = item.properties ?? {};
      feature.setProperties({ code: p.code, name: p.name, version: p.version, kind: p.kind }, true);
      gridSource.addFeature(feature);
      s.grids.set(item.id, { version: Number(p.version), code: p.code, name: p.name, original: snapshot(feature.getGeometry()),
        shape: feature.getGeometry().clone() });
    }
    for (const item of facilityFeatures) {
      if (item.geometry?.type !== 'Point') continue;
      const feature = new Feature({ geometry: book.read(item.geometry) });
      feature.setId(item.id);
      const p = item.properties ?? {};
      feature.setProperties({ code: p.code, name: p.name, level: p.level }, true);
      facilitySource.addFeature(feature);
      s.facilities.set(item.id, { code: p.code, name: p.name, level: p.level, original: snapshot(feature.getGeometry()) });
    }
    s.selection = s.selection.filter((id) => s.grids.has(id));
    syncSelection();
  }

  function syncSelection() {
    look.selected = new Set(s.selection);
    layers.refresh();
  }

  function applyTool() {
    const on = s.active && s.phase !== 'saving';
    modify.setActive(on && s.tool === 'edit');
    snap.setActive(on && s.tool === 'edit');
    draw.setActive(on && s.tool === 'split');
    translate.setActive(on && s.tool === 'move');
    look.handles = s.tool === 'edit';
    look.draggable = s.tool === 'move';
    layers.refresh();
    map.getViewport().classList.toggle('drawing', s.active && s.tool === 'split');
  }

  function setTool(name) {
    if (!TOOLS.includes(name) || name === s.tool || !toolAllowed(s, name)) return s.tool;
    s.tool = name;
    if (s.tool !== 'split' && s.split) {
      s.split = null;
      layers.line.getSource().clear();
    }
    if (s.tool !== 'merge' && s.selection.length > 1) s.selection = s.selection.slice(0, 1);
    // picking s.grids to merge starts clean: a grid selected before would otherwise be merged unnoticed (or
    // dropped by the first click on it)
    if (s.tool === 'merge') s.selection = [];
    syncSelection();
    draw.abortDrawing();
    applyTool();
    touch();
    return s.tool;
  }

  /** The grid a drawn line cuts: the selected one if the line crosses it, else the one holding its middle. */
  function splitTarget(line) {
    const crosses = (id) => {
      const f = gridSource.getFeatureById(id);
      if (!f) return false;
      const g = f.getGeometry();
      const coords = line.getCoordinates();
      for (let i = 0; i + 1 < coords.length; i++) {
        for (let k = 0; k <= 20; k++) {
          const x = coords[i][0] + ((coords[i + 1][0] - coords[i][0]) * k) / 20;
          const y = coords[i][1] + ((coords[i + 1][1] - coords[i][1]) * k) / 20;
          if (g.intersectsCoordinate([x, y])) return true;
        }
      }
      return false;
    };
    if (s.selection.length === 1 && crosses(s.selection[0])) return s.selection[0];
    const middle = line.getCoordinateAt(0.5);
    const hit = gridSource.getFeaturesAtCoordinate(middle)[0];
    return hit ? hit.getId() : null;
  }

  function gridAt(pixel) {
    return map.forEachFeatureAtPixel(pixel, (f) => f, { hitTolerance: 2, layerFilter: (l) => l === layers.grids }) ?? null;
  }

  function select(id, additive) {
    if (additive) {
      s.selection = s.selection.includes(id) ? s.selection.filter((x) => x !== id) : [...s.selection, id];
    } else {
      s.selection = [id];
    }
    if (s.tool !== 'merge' && s.selection.length >= 2 && toolAllowed(s, 'merge')) {
      // a shift-click on a second grid: the planner is picking s.grids to merge
      s.tool = 'merge';
      applyTool();
    }
    if (s.tool !== 'merge') s.selection = s.selection.slice(-1);
    syncSelection();
    if (s.tool === 'merge') touch();
    else c.render();
    if (s.tab === 'history' && s.historyScope === 'grid') c.loadHistory();
  }

  async function click(event) {
    if (s.tool === 'split' || s.tool === 'move') return;
    const hit = gridAt(event.pixel);
    const additive = Boolean(event.originalEvent?.shiftKey) || s.tool === 'merge';
    if (hit) {
      select(hit.getId(), additive);
      return;
    }
    const tileGrid = pickGrid(event.pixel);
    const code = tileGrid?.get('village_code');
    if (tileGrid && code && code !== s.village?.code) {
      if (hasUnsaved(s)) {
        s.notice = { kind: 'info', key: 'planner.unsavedSwitch' };
        c.render();
        return;
      }
      const id = tileGrid.getId() ?? tileGrid.get('id');
      await c.loadVillage(code);
      if (s.grids.has(id)) select(id, false);
      return;
    }
    if (!additive && s.selection.length) {
      s.selection = [];
      syncSelection();
      c.render();
    }
  }

  async function showEdit(edit) {
    const shapes = await c.shapesOf(edit);
    const source = layers.history.getSource();
    source.clear();
    for (const g of shapes) {
      for (const when of ['before', 'after']) {
        if (!g[when]) continue;
        const feature = plain.readFeature({ type: 'Feature', geometry: g[when], properties: { when } });
        source.addFeature(feature);
      }
    }
    return source.isEmpty() ? null : source.getExtent();
  }

  function hideEdit() {
    const edit = s.pinned && s.history.edits.find((e) => e.id === s.pinned.id);
    if (edit) showEdit(edit);
    else layers.history.getSource().clear();
  }

  async function pinEdit(edit) {
    if (s.pinned?.id === edit.id) {
      s.pinned = null;
      layers.history.getSource().clear();
      c.renderHistoryTab();
      return;
    }
    s.pinned = { id: edit.id };
    c.renderHistoryTab();
    const extent = await showEdit(edit);
    if (extent) fitExtent(extent, { maxZoom: 17, margin: 30, ifHidden: true });
  }

  modify.on('modifyend', () => touch());
  translate.on('translateend', () => touch());
  draw.on('drawstart', () => {
    layers.line.getSource().clear();
    s.split = null;
  });
  draw.on('drawend', (event) => {
    const line = event.feature.getGeometry();
    const target = splitTarget(line);
    s.split = target ? { gridId: target, line: book.write(line) } : null;
    if (target) {
      s.selection = [target];
      syncSelection();
    }
    s.notice = target ? null : { kind: 'info', key: 'planner.split.noGrid' };
    touch();
  });

  return { changedGridIds, movedFacilityIds, drawBefore, touch, drawPreviewShapes, showProblems, fill, syncSelection, applyTool, setTool, splitTarget, gridAt, select, click, showEdit, hideEdit, pinEdit };
}
