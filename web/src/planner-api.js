// The planner's requests: the dry run and the commit of the prepared operation, loading a village, the
// histories, a revert and an import; and the notices their failures (401, 403, 409, 422) turn into.

import { transformExtent } from 'ol/proj.js';
import { isEmpty } from 'ol/extent.js';
import {
  fetchEdit, fetchEditLog, fetchFacilitiesIn, fetchGridHistory, fetchVillageGrids, fetchVillages, HttpError, importGrids,
  postGridEdits, postMerge, postSplit, revertEdit,
} from './api.js';
import { t, tf } from './i18n.js';
import { bboxOf, formatOf, historyKey, operation, staleOf } from './planner-state.js';
import { placeName } from './place-name.js';

export function createPlannerApi(c) {
  const { s, waiters, auth, refreshTiles, fitExtent, layers, gridSource, facilitySource, book, draw } = c;
  const { messageInput, importInput } = c.dom;
  function settle(kind, value) {
    for (const resolve of waiters[kind].splice(0)) resolve(value);
    window.dispatchEvent(new CustomEvent(`gridmap:planner-${kind}`, { detail: value }));
  }

  function requestFor(op, dryRun) {
    const message = messageInput.value.trim() || t(`planner.defaultMessage.${op.kind}`);
    if (op.kind === 'split') {
      const g = s.grids.get(op.gridId);
      return () => postSplit(op.gridId, { version: g.version, line: op.line, dryRun, message });
    }
    if (op.kind === 'merge') {
      return () => postMerge({ grids: op.ids.map((id) => ({ id, version: s.grids.get(id).version })), dryRun, message });
    }
    const edits = op.changed.map((id) => ({
      id, version: s.grids.get(id).version, geometry: book.write(gridSource.getFeatureById(id).getGeometry()),
    }));
    const moved = op.moved.map((id) => ({ id, geometry: book.write(facilitySource.getFeatureById(id).getGeometry()) }));
    const body = { edits, dryRun, message };
    if (moved.length) body.facilities = moved;
    return () => postGridEdits(body);
  }

  async function runPreview() {
    const op = operation(s);
    if (!op || s.phase === 'previewing' || s.phase === 'saving') return null;
    const at = s.revision;
    s.phase = 'previewing';
    s.notice = null;
    c.render();
    try {
      const answer = await requestFor(op, true)();
      if (!s.active || at !== s.revision) return null;
      s.preview = { revision: at, impact: answer };
      s.impact = answer;
      c.drawPreviewShapes(answer);
      s.phase = 'ready';
      c.render();
      settle('preview', { state: 'ready', impact: answer });
      return answer;
    } catch (error) {
      s.phase = 'ready';
      if (!s.active) return null;
      failed(error);
      settle('preview', { state: 'error', status: error?.status ?? null, code: error?.code ?? null });
      return null;
    }
  }

  async function save() {
    const op = operation(s);
    if (!op || !s.preview || s.preview.revision !== s.revision || s.phase === 'saving') return null;
    s.phase = 'saving';
    c.render();
    try {
      const answer = await requestFor(op, false)();
      s.impact = answer;
      s.preview = null;
      messageInput.value = '';
      s.notice = { kind: 'saved', key: 'planner.saved', vars: { id: answer.editId } };
      await afterSave(answer);
      settle('saved', { state: 'saved', impact: answer });
      return answer;
    } catch (error) {
      s.phase = 'ready';
      if (s.active) failed(error);
      settle('saved', { state: 'error', status: error?.status ?? null, code: error?.code ?? null });
      return null;
    }
  }

  /** After a committed edit: fresh tiles, the s.village reloaded (new versions), the histories refreshed. */
  async function afterSave(answer) {
    refreshTiles();
    const touched = (answer?.grids ?? []).filter((g) => g.status !== 'unchanged' && g.status !== 'removed').map((g) => g.id);
    if (s.village) await loadVillage(s.village.code, { fit: false, keep: { impact: true, notice: true } });
    s.selection = touched.filter((id) => s.grids.has(id)).slice(0, 1);
    c.syncSelection();
    s.phase = 'ready';
    s.editDetails.clear();
    c.render();
    loadHistory({ force: true });
  }

  function failureNotice(error) {
    if (!(error instanceof HttpError)) return { kind: 'error', key: 'planner.error', text: String(error?.message ?? error) };
    if (error.status === 401) {
      auth.expired();
      return { kind: 'error', key: 'planner.unauthorized' };
    }
    if (error.status === 403) return { kind: 'error', key: 'planner.forbidden', text: error.message };
    if (error.status === 409) {
      return { kind: 'conflict', key: 'planner.conflict', text: error.message, stale: staleOf(error.body), reload: true };
    }
    if (error.status === 422) {
      const broken = error.code === 'invariant_broken' || Boolean(error.body?.problems?.length);
      return { kind: 'invalid', key: broken ? 'planner.invalid' : 'planner.refused', text: error.message, code: error.code,
        problems: error.body?.problems ?? [] };
    }
    return { kind: 'error', key: 'planner.error', text: error.message, code: error.code };
  }

  function failed(error) {
    s.notice = failureNotice(error);
    c.showProblems(s.notice);
    c.render();
  }

  async function loadVillages() {
    if (s.villages.length) return s.villages;
    try {
      const body = await fetchVillages();
      s.villages = (body?.features ?? []).map((f) => f.properties ?? {}).filter((p) => p.code)
        .sort((a, b) => String(a.code).localeCompare(String(b.code)));
    } catch {
      s.villages = [];
    }
    c.renderVillageSelect();
    return s.villages;
  }

  function villageName(code) {
    const v = s.villages.find((x) => x.code === code);
    if (!v) return code;
    return placeName(v) || code;
  }

  /** Loads the s.grids of a s.village (full precision) and its s.facilities; keep: what of the screen to keep. */
  async function loadVillage(code, { fit = true, keep = {} } = {}) {
    if (!code) return null;
    const token = ++s.loadToken;
    s.phase = 'loading';
    s.village = { code, name: villageName(code) };
    if (!keep.impact) s.impact = null;
    if (!keep.notice) s.notice = null;
    c.render();
    let body;
    let points;
    try {
      body = await fetchVillageGrids(code);
      if (token !== s.loadToken || !s.active) return null;
      const features = body?.features ?? [];
      const extent = transformExtent(bboxOf(features), 'EPSG:4326', 'EPSG:3857');
      points = await fetchFacilitiesIn(bboxOf(features)).catch(() => ({ features: [] }));
      if (token !== s.loadToken || !s.active) return null;
      c.fill(features, points?.features ?? []);
      s.phase = 'ready';
      if (fit && !isEmpty(extent)) fitExtent(extent, { maxZoom: 17, margin: 10 });
    } catch (error) {
      if (token !== s.loadToken) return null;
      s.phase = 'ready';
      s.notice = failureNotice(error);
    }
    c.render();
    settle('loaded', { village: code, grids: s.grids.size, facilities: s.facilities.size });
    return s.village;
  }

  async function loadHistory({ force = false } = {}) {
    if (!s.active || s.tab !== 'history') {
      if (force) s.history = { state: 'idle', edits: [], key: null };
      return s.history;
    }
    const key = historyKey(s);
    if (!force && key === s.history.key && s.history.state !== 'error') return s.history;
    s.history = { state: key ? 'loading' : 'idle', edits: [], key };
    c.renderHistoryTab();
    if (!key) return s.history;
    try {
      const body = key === 'town' ? await fetchEditLog({ limit: 50 }) : await fetchGridHistory(s.selection[0]);
      if (s.history.key !== key) return s.history;
      s.history = { state: 'ready', edits: body?.edits ?? [], key };
    } catch (error) {
      if (s.history.key !== key) return s.history;
      s.history = { state: 'error', edits: [], key };
      s.historyNotice = failureNotice(error);
    }
    c.renderHistoryTab();
    settle('history', { state: s.history.state, count: s.history.edits.length, key });
    return s.history;
  }

  async function shapesOf(edit) {
    if (edit.grid && (edit.grid.before || edit.grid.after)) return [edit.grid];
    if (!s.editDetails.has(edit.id)) s.editDetails.set(edit.id, fetchEdit(edit.id).then((d) => d?.grids ?? []).catch(() => []));
    return s.editDetails.get(edit.id);
  }

  /** First the dry run of a revert, shown with what it changes; the revert itself once confirmed. */
  async function previewRevert(edit) {
    if (s.revertBusy) return null;
    s.revertBusy = edit.id;
    s.historyNotice = null;
    s.revertPreview = null;
    c.renderHistoryTab();
    try {
      const answer = await revertEdit(edit.id, { dryRun: true, message: tf('history.revert.message', { id: edit.id }) });
      s.revertPreview = { edit, answer };
    } catch (error) {
      s.historyNotice = error instanceof HttpError && error.status === 409
        ? { kind: 'conflict', key: 'history.revert.conflict', text: error.message }
        : failureNotice(error);
    }
    s.revertBusy = null;
    c.renderHistoryTab();
    return s.revertPreview;
  }

  async function revert(edit) {
    if (s.revertBusy) return null;
    s.revertBusy = edit.id;
    s.revertPreview = null;
    s.historyNotice = null;
    c.renderHistoryTab();
    try {
      const answer = await revertEdit(edit.id, { message: tf('history.revert.message', { id: edit.id }) });
      s.historyNotice = { kind: 'saved', key: 'history.reverted', vars: { id: edit.id, edit: answer?.editId ?? '' } };
      s.impact = answer;
      s.notice = { kind: 'saved', key: 'history.reverted', vars: { id: edit.id, edit: answer?.editId ?? '' } };
      s.pinned = null;
      layers.history.getSource().clear();
      s.revertBusy = null;
      await afterSave(answer);
      return answer;
    } catch (error) {
      s.revertBusy = null;
      s.historyNotice = error instanceof HttpError && error.status === 409
        ? { kind: 'conflict', key: 'history.revert.conflict', text: error.message }
        : failureNotice(error);
      c.renderHistoryTab();
      return null;
    }
  }

  async function importFile(file, { dryRun }) {
    const format = formatOf(file?.name);
    if (!file || !format) {
      s.importState = { state: 'error', file: null, format: null, impact: null, notice: { kind: 'error', key: 'files.unknownFormat' } };
      c.renderFilesTab();
      return null;
    }
    s.importState = { ...s.importState, state: dryRun ? 'checking' : 'saving', file, format, notice: null };
    if (dryRun) s.importState.impact = null;
    c.renderFilesTab();
    try {
      const message = tf('files.importMessage', { name: file.name });
      const answer = await importGrids(file, { format, dryRun, message });
      s.importState = { state: dryRun ? 'preview' : 'saved', file: dryRun ? file : null, format, impact: answer,
        notice: dryRun ? null : { kind: 'saved', key: 'files.imported', vars: { id: answer?.editId ?? '' } } };
      if (!dryRun) {
        importInput.value = '';
        s.impact = answer;
        await afterSave(answer);
      } else {
        c.drawPreviewShapes(answer);
      }
    } catch (error) {
      const n = failureNotice(error);
      c.showProblems(n);
      s.importState = { ...s.importState, state: 'error', notice: n };
    }
    c.renderFilesTab();
    return s.importState;
  }

  async function discard() {
    if (!s.village) return null;
    s.notice = null;
    s.impact = null;
    layers.line.getSource().clear();
    draw.abortDrawing();
    return loadVillage(s.village.code, { fit: false });
  }

  return { settle, requestFor, runPreview, save, afterSave, failureNotice, failed, loadVillages, villageName, loadVillage, loadHistory, shapesOf, previewRevert, revert, importFile, discard };
}
