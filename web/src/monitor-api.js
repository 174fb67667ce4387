// The monitor's requests: the dry run of the form, saving a hazard, a saved hazard's facts and the actions on it,
// the lists; and the words their failures turn into.

import {
  createHazard, fetchHazard, fetchHazardImpact, fetchInspections, fetchMyHazards, HttpError, previewHazard,
} from './api.js';
import { t, tf } from './i18n.js';
import { readGeometry } from './hazard-layer.js';
import { routingSummary } from './hazard-view.js';

export function createMonitorApi(c) {
  const { s, auth, refreshTiles, fitExtent, hazardsLayer, draftLayer, waiters } = c;
  const { formError } = c.dom;
  function settle(kind, value) {
    for (const resolve of waiters[kind].splice(0)) resolve(value);
    window.dispatchEvent(new CustomEvent(`gridmap:monitor-${kind}`, { detail: value }));
  }

  async function runPreview() {
    if (!s.draft || !s.active) return null;
    const problem = c.formProblem();
    if (problem) {
      s.draftImpact = { state: 'invalid', impact: null, error: null, key: null };
      c.renderForm();
      return null;
    }
    const key = c.requestKey();
    if (s.draftImpact.key === key && s.draftImpact.state === 'ready') return s.draftImpact.impact;
    s.previewController?.abort();
    s.previewController = new AbortController();
    const { signal } = s.previewController;
    s.draftImpact = { ...s.draftImpact, state: 'loading', key };
    c.renderForm();
    try {
      const impact = await previewHazard(c.formBody(), signal);
      if (signal.aborted || !s.active) return null;
      s.draftImpact = { state: 'ready', impact, error: null, key };
      c.drawDraft();
      c.renderForm();
      settle('impact', { state: 'ready', impact });
      return impact;
    } catch (error) {
      if (signal.aborted) return null;
      s.draftImpact = { state: 'error', impact: null, error, key };
      c.renderForm();
      settle('impact', { state: 'error', status: error?.status ?? null, code: error?.code ?? null });
      return null;
    }
  }

  function errorText(error) {
    if (!(error instanceof HttpError)) return t('hazard.error.generic');
    if (error.status === 401) return t('hazard.error.login');
    if (error.status === 403) return t('hazard.error.role');
    if (error.code === 'outside_town') return t('hazard.error.outside');
    return error.message || t('hazard.error.generic');
  }

  async function save() {
    if (!s.draft || s.saving) return null;
    const problem = c.formProblem({ forSave: true });
    if (problem) {
      c.showFieldError(problem);
      return null;
    }
    s.saving = true;
    c.renderForm();
    try {
      const hazard = await createHazard(c.formBody());
      s.saving = false;
      s.notice = { kind: 'saved', key: 'hazard.saved', vars: { code: hazard.code ?? hazard.id, name: hazard.name ?? '' },
        text: routingSummary(hazard.routing) };
      c.clearDraft();
      refreshTiles();
      await loadHazards();
      await selectHazard(hazard.id, { fit: false });
      settle('saved', { state: 'saved', hazard });
      return hazard;
    } catch (error) {
      s.saving = false;
      if (error?.status === 401) auth.expired();
      formError.textContent = errorText(error);
      formError.hidden = false;
      c.renderForm();
      settle('saved', { state: 'error', status: error?.status ?? null, code: error?.code ?? null });
      return null;
    }
  }

  async function selectHazard(id, { fit = true } = {}) {
    clearTimeout(s.previewTimer);
    s.draft = null;
    draftLayer.clear();
    s.detailNotice = null;
    const token = ++s.selectToken;
    s.selected = { state: 'loading', hazard: hazardsLayer.hazards().find((h) => h.id === id) ?? null, impact: null, inspections: [] };
    hazardsLayer.select(id);
    c.render();
    try {
      const [hazard, impact, inspections] = await Promise.all([
        fetchHazard(id), fetchHazardImpact(id), fetchInspections(id).catch(() => ({ inspections: [] })),
      ]);
      if (!s.active || token !== s.selectToken) return null;
      s.selected = { state: 'ready', hazard, impact, inspections: inspections?.inspections ?? [] };
      if (fit) {
        const zone = readGeometry(impact?.zone?.geometry);
        if (zone) fitExtent(zone.getExtent(), { maxZoom: 17, margin: 30, ifHidden: true });
      }
    } catch (error) {
      if (!s.active || token !== s.selectToken) return null;
      s.selected = { ...s.selected, state: 'error' };
      s.detailNotice = { kind: 'error', text: errorText(error) };
    }
    c.render();
    settle('detail', { state: s.selected?.state, hazard: s.selected?.hazard ?? null });
    return s.selected;
  }

  async function act(run) {
    if (!s.selected?.hazard || s.busy) return null;
    s.busy = true;
    s.detailNotice = null;
    c.renderDetail();
    try {
      const answer = await run(s.selected.hazard);
      const hazard = answer?.hazard ?? answer;
      s.detailNotice = { kind: 'saved', text: [answer?.inspection ? t('hazard.inspected') : t('hazard.updated'),
        routingSummary(answer?.routing)].filter(Boolean).join(' ') };
      refreshTiles();
      s.busy = false;
      await loadHazards();
      const keep = s.detailNotice;
      await selectHazard(hazard.id, { fit: false });
      s.detailNotice = keep;
      c.render();
      return answer;
    } catch (error) {
      s.busy = false;
      if (error?.status === 401) auth.expired();
      if (error instanceof HttpError && error.code === 'invalid_transition') {
        const allowed = (error.body?.allowedNextStatuses ?? []).map((s) => t(`status.${s}`)).join('、') || t('hazard.final');
        s.detailNotice = { kind: 'invalid', text: tf('hazard.error.transition', { allowed }) };
      } else if (error instanceof HttpError && error.status === 409) {
        s.detailNotice = { kind: 'conflict', text: t('hazard.error.conflict') };
        await selectHazard(s.selected.hazard.id, { fit: false });
        s.detailNotice = { kind: 'conflict', text: t('hazard.error.conflict') };
      } else {
        s.detailNotice = { kind: 'error', text: errorText(error) };
      }
      c.render();
      return null;
    }
  }

  async function loadHazards() {
    try {
      await hazardsLayer.load();
    } catch {
      s.notice = s.notice ?? { kind: 'error', key: 'hazard.error.list' };
    }
    if (s.scope === 'mine') await loadMine();
    c.renderList();
    settle('list', { count: hazardsLayer.hazards().length });
  }

  async function loadMine() {
    try {
      s.mine = await fetchMyHazards();
    } catch {
      s.mine = { hazards: [] };
    }
    return s.mine;
  }

  return { settle, runPreview, errorText, save, selectHazard, act, loadHazards, loadMine };
}
