// Monitor mode ("地灾监测"): a tap on the map pins a new hazard (or "画范围" draws its zone as a polygon), the
// form takes its type, name, threat radius, description, grade and whether it blocks roads; while the form
// changes the server's dry run tells who and what the zone threatens and the grade the national scale
// suggests, before anything is saved. Saved hazards are drawn by type and grade with their threat zones; a
// tap on one shows its facts, impact and inspection log, and lets the monitor record an inspection (with a
// status change along the lifecycle), change the grade and mark its roads blocked or open again.

import Draw from 'ol/interaction/Draw.js';
import Point from 'ol/geom/Point.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { circular } from 'ol/geom/Polygon.js';
import { toLonLat } from 'ol/proj.js';
import { getArea } from 'ol/sphere.js';
import {
  createHazard, fetchHazard, fetchHazardImpact, fetchInspections, fetchMyHazards, HttpError, patchHazard, postInspection,
  previewHazard,
} from './api.js';
import { element } from './dom.js';
import { formatValue } from './format.js';
import { onLanguageChange, t, tf } from './i18n.js';
import { createDraftLayer, createHazardLayer, isOpenStatus, readGeometry } from './hazard-layer.js';
import {
  gradeName, renderHazardFacts, renderHazardImpact, renderInspections, routingSummary,
} from './hazard-view.js';
import { formatNumber } from './units.js';
import { onVocabulary, wordIds } from './vocabulary.js';

// the choices come from the server's word lists; a new hazard starts in one of the open statuses
const hazardTypes = () => wordIds('hazardTypes');
const hazardGrades = () => wordIds('hazardGrades');
const initialStatuses = () => wordIds('hazardStatuses').filter(isOpenStatus);
const MAX_RADIUS = 5000;
const FINE_POINTER = window.matchMedia('(pointer: fine)');
const geojson = new GeoJSON();

function writeGeometry(geometry) {
  return geojson.writeGeometryObject(geometry, { dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857', decimals: 7 });
}

export function createMonitorMode(root, { map, auth, refreshTiles, fitExtent, onExit }) {
  const $ = (role) => root.querySelector(`[data-role="${role}"]`);
  const hint = $('hint');
  const messageBox = $('message');
  const form = $('form');
  const where = $('where');
  const formError = $('form-error');
  const impactBox = $('impact');
  const detailsBox = $('impact-details');
  const detailBox = $('detail');
  const listBox = $('list');
  const toolButtons = [...root.querySelectorAll('[data-tool]')];
  const scopeButtons = [...root.querySelectorAll('[data-scope]')];
  const fields = {
    type: form.querySelector('[name="type"]'),
    name: form.querySelector('[name="name"]'),
    radius: form.querySelector('[name="radius"]'),
    grade: form.querySelector('[name="grade"]'),
    status: form.querySelector('[name="status"]'),
    description: form.querySelector('[name="description"]'),
    blocks: form.querySelector('[name="blocks"]'),
  };
  const saveButton = form.querySelector('[data-role="save"]');
  const cancelButton = form.querySelector('[data-role="cancel"]');

  const hazardsLayer = createHazardLayer(map, { name: 'hazards-live', zIndex: 55 });
  const draftLayer = createDraftLayer(map, { zIndex: 58 });
  const draw = new Draw({ type: 'Polygon' });
  draw.setActive(false);

  let active = false;
  let tool = 'pin';
  let scope = 'all';
  let draft = null; // an OpenLayers geometry (map coordinates)
  let draftImpact = { state: 'idle', impact: null, error: null, key: null };
  let previewTimer = 0;
  let previewController = null;
  let saving = false;
  let notice = null; // {kind, key, vars, text}
  let selected = null; // {hazard, impact, inspections, state}
  let detailNotice = null;
  let busy = false;
  let confirmingBlock = null; // the id of the hazard whose road closure waits for a second "yes"
  let mine = null; // {grids, hazards}
  let selectToken = 0;
  const waiters = { impact: [], saved: [], list: [], detail: [] };

  function settle(kind, value) {
    for (const resolve of waiters[kind].splice(0)) resolve(value);
    window.dispatchEvent(new CustomEvent(`gridmap:monitor-${kind}`, { detail: value }));
  }

  // ---------------------------------------------------------------- the form
  function fillSelect(select, values, labelOf, { empty = null } = {}) {
    const value = select.value;
    const options = values.map((v) => element('option', { value: v, text: labelOf(v) }));
    if (empty) options.unshift(element('option', { value: '', text: empty }));
    select.replaceChildren(...options);
    if ([...select.options].some((o) => o.value === value)) select.value = value;
  }

  function fillForm() {
    fillSelect(fields.type, hazardTypes(), (v) => t(`type.${v}`));
    fillSelect(fields.grade, hazardGrades(), (v) => t(`grade.${v}`), { empty: t('hazard.grade.none') });
    fillSelect(fields.status, initialStatuses(), (v) => t(`status.${v}`));
  }

  function radiusValue() {
    const r = Number(fields.radius.value);
    return fields.radius.value.trim() === '' || !Number.isFinite(r) ? null : r;
  }

  /** The hazard as the form describes it (the body of a create and of a dry run). */
  function formBody() {
    const body = {
      type: fields.type.value,
      radius_m: radiusValue(),
      status: fields.status.value || initialStatuses()[0],
      blocks_roads: fields.blocks.checked,
      geometry: draft ? writeGeometry(draft) : null,
    };
    const name = fields.name.value.trim();
    if (name) body.name = name;
    if (fields.grade.value) body.grade = fields.grade.value;
    const description = fields.description.value.trim();
    if (description) body.description = description;
    return body;
  }

  function formProblem({ forSave = false } = {}) {
    const r = radiusValue();
    if (r === null || r < 0 || r > MAX_RADIUS) return tf('hazard.error.radius', { max: formatNumber(MAX_RADIUS) });
    if (forSave && !fields.name.value.trim()) return t('hazard.error.name');
    return null;
  }

  function zonePreview() {
    if (!draft) return null;
    if (draftImpact.impact?.zone?.geometry && draftImpact.key === requestKey()) return readGeometry(draftImpact.impact.zone.geometry);
    const r = radiusValue();
    if (draft.getType() === 'Point' && r > 0) {
      return circular(toLonLat(draft.getCoordinates()), r, 64).transform('EPSG:4326', 'EPSG:3857');
    }
    return null;
  }

  function drawDraft() {
    draftLayer.show(draft, zonePreview());
  }

  function requestKey() {
    const b = formBody();
    return JSON.stringify([b.type, b.radius_m, b.grade ?? null, b.status, b.blocks_roads, b.geometry]);
  }

  function schedulePreview() {
    clearTimeout(previewTimer);
    drawDraft();
    renderForm();
    if (!draft) return;
    previewTimer = setTimeout(runPreview, 350);
  }

  async function runPreview() {
    if (!draft || !active) return null;
    const problem = formProblem();
    if (problem) {
      draftImpact = { state: 'invalid', impact: null, error: null, key: null };
      renderForm();
      return null;
    }
    const key = requestKey();
    if (draftImpact.key === key && draftImpact.state === 'ready') return draftImpact.impact;
    previewController?.abort();
    previewController = new AbortController();
    const { signal } = previewController;
    draftImpact = { ...draftImpact, state: 'loading', key };
    renderForm();
    try {
      const impact = await previewHazard(formBody(), signal);
      if (signal.aborted || !active) return null;
      draftImpact = { state: 'ready', impact, error: null, key };
      drawDraft();
      renderForm();
      settle('impact', { state: 'ready', impact });
      return impact;
    } catch (error) {
      if (signal.aborted) return null;
      draftImpact = { state: 'error', impact: null, error, key };
      renderForm();
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
    if (!draft || saving) return null;
    const problem = formProblem({ forSave: true });
    if (problem) {
      formError.textContent = problem;
      formError.hidden = false;
      (fields.name.value.trim() ? fields.radius : fields.name).focus();
      return null;
    }
    saving = true;
    renderForm();
    try {
      const hazard = await createHazard(formBody());
      saving = false;
      notice = { kind: 'saved', key: 'hazard.saved', vars: { code: hazard.code ?? hazard.id, name: hazard.name ?? '' },
        text: routingSummary(hazard.routing) };
      clearDraft();
      refreshTiles();
      await loadHazards();
      await selectHazard(hazard.id, { fit: false });
      settle('saved', { state: 'saved', hazard });
      return hazard;
    } catch (error) {
      saving = false;
      if (error?.status === 401) auth.expired();
      formError.textContent = errorText(error);
      formError.hidden = false;
      renderForm();
      settle('saved', { state: 'error', status: error?.status ?? null, code: error?.code ?? null });
      return null;
    }
  }

  function clearDraft() {
    clearTimeout(previewTimer);
    previewController?.abort();
    draft = null;
    draftImpact = { state: 'idle', impact: null, error: null, key: null };
    draftLayer.clear();
    draw.abortDrawing();
    form.reset();
    fields.radius.value = '100';
    formError.hidden = true;
    render();
  }

  function setDraft(geometry) {
    draft = geometry;
    if (selected) {
      selected = null;
      hazardsLayer.select(null);
    }
    notice = null;
    formError.hidden = true;
    render();
    schedulePreview();
    // with a mouse, typing can start at once; on a phone the keyboard would cover the map
    if (!fields.name.value && FINE_POINTER.matches) fields.name.focus({ preventScroll: true });
  }

  // ---------------------------------------------------------------- a saved hazard
  async function selectHazard(id, { fit = true } = {}) {
    clearTimeout(previewTimer);
    draft = null;
    draftLayer.clear();
    detailNotice = null;
    const token = ++selectToken;
    selected = { state: 'loading', hazard: hazardsLayer.hazards().find((h) => h.id === id) ?? null, impact: null, inspections: [] };
    hazardsLayer.select(id);
    render();
    try {
      const [hazard, impact, inspections] = await Promise.all([
        fetchHazard(id), fetchHazardImpact(id), fetchInspections(id).catch(() => ({ inspections: [] })),
      ]);
      if (!active || token !== selectToken) return null;
      selected = { state: 'ready', hazard, impact, inspections: inspections?.inspections ?? [] };
      if (fit) {
        const zone = readGeometry(impact?.zone?.geometry);
        if (zone) fitExtent(zone.getExtent(), { maxZoom: 17, margin: 30, ifHidden: true });
      }
    } catch (error) {
      if (!active || token !== selectToken) return null;
      selected = { ...selected, state: 'error' };
      detailNotice = { kind: 'error', text: errorText(error) };
    }
    render();
    settle('detail', { state: selected?.state, hazard: selected?.hazard ?? null });
    return selected;
  }

  async function act(run) {
    if (!selected?.hazard || busy) return null;
    busy = true;
    detailNotice = null;
    renderDetail();
    try {
      const answer = await run(selected.hazard);
      const hazard = answer?.hazard ?? answer;
      detailNotice = { kind: 'saved', text: [answer?.inspection ? t('hazard.inspected') : t('hazard.updated'),
        routingSummary(answer?.routing)].filter(Boolean).join(' ') };
      refreshTiles();
      busy = false;
      await loadHazards();
      const keep = detailNotice;
      await selectHazard(hazard.id, { fit: false });
      detailNotice = keep;
      render();
      return answer;
    } catch (error) {
      busy = false;
      if (error?.status === 401) auth.expired();
      if (error instanceof HttpError && error.code === 'invalid_transition') {
        const allowed = (error.body?.allowedNextStatuses ?? []).map((s) => t(`status.${s}`)).join('、') || t('hazard.final');
        detailNotice = { kind: 'invalid', text: tf('hazard.error.transition', { allowed }) };
      } else if (error instanceof HttpError && error.status === 409) {
        detailNotice = { kind: 'conflict', text: t('hazard.error.conflict') };
        await selectHazard(selected.hazard.id, { fit: false });
        detailNotice = { kind: 'conflict', text: t('hazard.error.conflict') };
      } else {
        detailNotice = { kind: 'error', text: errorText(error) };
      }
      render();
      return null;
    }
  }

  function renderDetail() {
    if (!selected) {
      detailBox.replaceChildren();
      detailBox.hidden = true;
      return;
    }
    detailBox.hidden = false;
    const { hazard, impact, inspections, state } = selected;
    detailBox.dataset.state = state;
    detailBox.dataset.code = hazard?.code ?? '';
    const observation = detailBox.querySelector('[data-testid="inspection-observation"]')?.value ?? '';
    const close = element('button', { type: 'button', class: 'icon-button', 'data-testid': 'hazard-detail-close',
      'aria-label': t('hazard.detail.close'), title: t('hazard.detail.close'), text: '×' });
    close.addEventListener('click', () => {
      selected = null;
      hazardsLayer.select(null);
      render();
    });
    const head = element('div', { class: 'detail-head' },
      element('div', {},
        element('p', { class: 'subtitle', text: hazard ? `${hazard.code ?? ''} · ${formatValue('type', hazard.type) ?? ''}` : '' }),
        element('h3', { class: 'detail-title', 'data-testid': 'hazard-detail-title', text: hazard?.name ?? t('panel.loading') })),
      close);
    const parts = [head];
    if (detailNotice) {
      parts.push(element('p', { class: `notice-text ${detailNotice.kind}`, role: 'status', 'data-testid': 'hazard-detail-message',
        text: detailNotice.text }));
    }
    if (state === 'loading') parts.push(element('p', { class: 'muted', text: t('panel.loading') }));
    if (hazard && state === 'ready') {
      parts.push(...renderHazardFacts(hazard));
      if (impact) parts.push(...renderHazardImpact(impact, { setGrade: hazard.grade ?? null, saved: true }));

      if (hazard.status === 'closed') {
        // 已销号: the record is final; it is read, not acted on
        parts.push(element('p', { class: 'note', 'data-testid': 'hazard-readonly', text: t('hazard.readonly') }));
      } else {
      // actions: roads (closing them asks first: walks are rerouted or cut), grade
      const blocks = Boolean(hazard.blocks_roads);
      const toggle = element('button', { type: 'button', class: 'action-button', 'data-testid': 'hazard-toggle-blocks',
        disabled: busy, text: t(blocks ? 'hazard.unblock' : 'hazard.block') });
      toggle.addEventListener('click', () => {
        if (!blocks && confirmingBlock !== hazard.id) {
          confirmingBlock = hazard.id;
          renderDetail();
          return;
        }
        confirmingBlock = null;
        act((h) => patchHazard(h.id, { version: h.version, blocks_roads: !blocks }));
      });
      const confirm = confirmingBlock === hazard.id && !blocks
        ? element('div', { class: 'notice confirm', role: 'alertdialog', 'data-testid': 'hazard-block-confirm' },
          element('p', { text: tf('hazard.block.confirm', { n: formatNumber(impact?.roads?.length ?? 0) }) }),
          element('div', { class: 'action-row wrap' },
            element('button', { type: 'button', class: 'action-button primary', 'data-testid': 'hazard-block-yes',
              disabled: busy, text: t('hazard.block.yes') }),
            element('button', { type: 'button', class: 'action-button', 'data-testid': 'hazard-block-no',
              text: t('hazard.block.no') })))
        : null;
      confirm?.querySelector('[data-testid="hazard-block-yes"]').addEventListener('click', () => toggle.click());
      confirm?.querySelector('[data-testid="hazard-block-no"]').addEventListener('click', () => {
        confirmingBlock = null;
        renderDetail();
      });
      const grade = element('select', { 'data-testid': 'hazard-grade-change', 'aria-label': t('field.grade') },
        element('option', { value: '', text: t('hazard.grade.none') }),
        ...hazardGrades().map((g) => element('option', { value: g, text: t(`grade.${g}`) })));
      grade.value = hazard.grade ?? '';
      const applyGrade = element('button', { type: 'button', class: 'action-button', 'data-testid': 'hazard-grade-apply',
        disabled: busy, text: t('hazard.grade.apply') });
      applyGrade.addEventListener('click', () => act((h) => patchHazard(h.id, { version: h.version, grade: grade.value || null })));
      const suggested = impact?.suggestedGrade;
      const adopt = suggested && suggested !== hazard.grade
        ? element('button', { type: 'button', class: 'text-button small', 'data-testid': 'hazard-adopt-grade',
          text: tf('hazard.adoptNamed', { grade: gradeName(suggested) }) }) : null;
      adopt?.addEventListener('click', () => act((h) => patchHazard(h.id, { version: h.version, grade: suggested })));
      parts.push(element('section', { class: 'answer-section' },
        element('h3', { text: t('hazard.actions') }),
        element('div', { class: 'action-row wrap' }, confirm ? null : toggle),
        confirm,
        element('div', { class: 'action-row wrap' }, grade, applyGrade, adopt)));

      // inspection
      const text = element('textarea', { rows: '3', maxlength: '4000', 'data-testid': 'inspection-observation',
        placeholder: t('hazard.inspection.placeholder'), 'aria-label': t('hazard.inspection.observation') });
      text.value = observation;
      const next = element('select', { 'data-testid': 'inspection-status', 'aria-label': t('hazard.inspection.status') },
        element('option', { value: '', text: tf('hazard.inspection.keep', { status: formatValue('status', hazard.status) }) }),
        ...(hazard.allowedNextStatuses ?? []).map((s) => element('option', { value: s, text: tf('hazard.inspection.to', { status: t(`status.${s}`) }) })));
      const record = element('button', { type: 'button', class: 'action-button primary', 'data-testid': 'inspection-submit',
        disabled: busy, text: t('hazard.inspection.submit') });
      record.addEventListener('click', () => {
        const value = text.value.trim();
        if (!value) {
          detailNotice = { kind: 'invalid', text: t('hazard.error.observation') };
          renderDetail();
          return;
        }
        const body = { observation: value, version: hazard.version };
        if (next.value) body.status = next.value;
        act((h) => postInspection(h.id, body)).then((answer) => {
          if (answer) {
            const box = detailBox.querySelector('[data-testid="inspection-observation"]');
            if (box) box.value = '';
          }
        });
      });
      parts.push(element('section', { class: 'answer-section inspection-form', 'data-testid': 'inspection-form' },
        element('h3', { text: t('hazard.inspection.title') }),
        text,
        element('div', { class: 'action-row wrap' }, next, record)));
      }
      parts.push(element('section', { class: 'answer-section' },
        element('h3', { text: tf('hazard.inspections', { n: inspections.length }) }),
        ...renderInspections(inspections)));
    }
    detailBox.replaceChildren(...parts);
  }

  // ---------------------------------------------------------------- the list
  async function loadHazards() {
    try {
      await hazardsLayer.load();
    } catch {
      notice = notice ?? { kind: 'error', key: 'hazard.error.list' };
    }
    if (scope === 'mine') await loadMine();
    renderList();
    settle('list', { count: hazardsLayer.hazards().length });
  }

  async function loadMine() {
    try {
      mine = await fetchMyHazards();
    } catch {
      mine = { hazards: [] };
    }
    return mine;
  }

  function renderList() {
    for (const b of scopeButtons) b.setAttribute('aria-pressed', String(b.dataset.scope === scope));
    let hazards = [...hazardsLayer.hazards()];
    if (scope === 'mine') {
      const codes = new Set((mine?.hazards ?? []).map((h) => h.code));
      hazards = hazards.filter((h) => codes.has(h.code));
    }
    hazards.sort((a, b) => Number(isOpenStatus(b.status)) - Number(isOpenStatus(a.status)) || String(a.code).localeCompare(String(b.code)));
    if (!hazards.length) {
      // "my grids" is empty for two reasons: no hazard there, or the account serves in no grid at all
      const unlinked = scope === 'mine' && Array.isArray(mine?.grids) && mine.grids.length === 0;
      listBox.replaceChildren(element('p', { class: 'muted', 'data-testid': 'hazard-list-empty',
        text: t(unlinked ? 'hazard.list.noGrids' : scope === 'mine' ? 'hazard.list.noneMine' : 'hazard.list.none') }));
      return;
    }
    listBox.replaceChildren(element('ul', { class: 'hazard-list' }, hazards.slice(0, 100).map((h) => {
      const button = element('button', { type: 'button', class: `hazard-item${isOpenStatus(h.status) ? '' : ' closed'}`,
        'data-testid': 'hazard-item', 'data-code': h.code ?? '', 'aria-pressed': String(selected?.hazard?.id === h.id) },
      element('span', { class: `grade-dot grade-${h.grade ?? 'none'}`, 'aria-hidden': 'true' }),
      element('span', { class: 'name', text: h.name ?? h.code }),
      element('span', { class: 'meta', text: [formatValue('type', h.type), gradeName(h.grade), formatValue('status', h.status),
        h.blocks_roads ? t('hazard.blocksShort') : null].filter(Boolean).join(' · ') }));
      button.addEventListener('click', () => selectHazard(h.id));
      return element('li', {}, button);
    })));
  }

  // ---------------------------------------------------------------- rendering
  function renderForm() {
    form.hidden = !draft;
    detailsBox.replaceChildren();
    detailsBox.hidden = true;
    if (!draft) {
      impactBox.replaceChildren();
      impactBox.hidden = true;
      return;
    }
    if (draft.getType() === 'Point') {
      const [lon, lat] = toLonLat(draft.getCoordinates());
      where.textContent = tf('hazard.where.point', { lon: lon.toFixed(5), lat: lat.toFixed(5) });
    } else {
      where.textContent = tf('hazard.where.zone', { a: formatNumber(Math.round(getArea(draft))) });
    }
    saveButton.disabled = saving;
    saveButton.textContent = t(saving ? 'hazard.saving' : 'hazard.save');
    const problem = formProblem();
    impactBox.hidden = false;
    const pending = draftImpact.key !== requestKey() && draftImpact.state === 'ready';
    impactBox.dataset.state = pending ? 'pending' : draftImpact.state;
    const { impact } = draftImpact;
    impactBox.dataset.radius = impact?.radius_m ?? '';
    const head = element('h3', { class: 'impact-title', text: t('hazard.impact.title') });
    if (problem) {
      impactBox.replaceChildren(head, element('p', { class: 'note error', text: problem }));
    } else if (draftImpact.state === 'error') {
      impactBox.replaceChildren(head, element('p', { class: 'note error', 'data-testid': 'hazard-impact-error', text: errorText(draftImpact.error) }));
    } else if (impact) {
      const updating = draftImpact.state === 'loading' ? [element('p', { class: 'hint', text: t('hazard.impact.updating') })] : [];
      const options = { setGrade: fields.grade.value || null, onAdopt: (g) => {
        fields.grade.value = g;
        schedulePreview();
      } };
      impactBox.replaceChildren(head, ...updating, ...renderHazardImpact(impact, { ...options, part: 'summary' }));
      detailsBox.replaceChildren(...renderHazardImpact(impact, { ...options, part: 'details' }));
      detailsBox.hidden = false;
    } else {
      impactBox.replaceChildren(head, element('p', { class: 'muted', text: t('hazard.impact.loading') }));
    }
  }

  function render() {
    root.dataset.state = draft ? 'draft' : selected ? 'detail' : 'idle';
    root.dataset.tool = tool;
    for (const b of toolButtons) b.setAttribute('aria-pressed', String(b.dataset.tool === tool));
    hint.textContent = t(tool === 'zone' ? 'monitor.hint.zone' : 'monitor.hint.pin');
    messageBox.hidden = !notice;
    messageBox.dataset.kind = notice?.kind ?? '';
    messageBox.replaceChildren(...(notice ? [
      element('p', { class: `notice-text ${notice.kind}`, 'data-testid': 'monitor-notice', text: tf(notice.key, notice.vars ?? {}) }),
      notice.text ? element('p', { class: 'notice-detail', 'data-testid': 'monitor-routing', text: notice.text }) : null,
    ].filter(Boolean) : []));
    renderForm();
    renderDetail();
    renderList();
    draw.setActive(active && tool === 'zone');
  }

  function setTool(name) {
    tool = name === 'zone' ? 'zone' : 'pin';
    draw.abortDrawing();
    render();
  }

  // ---------------------------------------------------------------- wiring
  draw.on('drawstart', () => draftLayer.clear());
  draw.on('drawend', (event) => {
    if (!radiusValue()) fields.radius.value = '50';
    setDraft(event.feature.getGeometry());
  });
  for (const el of Object.values(fields)) {
    el.addEventListener('input', () => {
      formError.hidden = true;
      schedulePreview();
    });
    el.addEventListener('change', () => schedulePreview());
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save();
  });
  cancelButton.addEventListener('click', () => clearDraft());
  for (const b of toolButtons) b.addEventListener('click', () => setTool(b.dataset.tool));
  for (const b of scopeButtons) {
    b.addEventListener('click', async () => {
      scope = b.dataset.scope;
      if (scope === 'mine') await loadMine();
      renderList();
    });
  }
  $('exit').addEventListener('click', () => onExit?.());
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.target.closest('input, select, textarea')) return;
    if (tool === 'zone') draw.abortDrawing();
    else if (draft) clearDraft();
    else onExit?.();
  });
  onLanguageChange(() => {
    fillForm();
    hazardsLayer.layer.changed();
    render();
  });
  fillForm();
  onVocabulary(fillForm);

  return {
    enter() {
      active = true;
      root.hidden = false;
      hazardsLayer.setVisible(true);
      draftLayer.setVisible(true);
      map.addInteraction(draw);
      map.getViewport().classList.add('locating');
      fields.radius.value = fields.radius.value || '100';
      render();
      loadHazards();
    },
    exit() {
      active = false;
      clearTimeout(previewTimer);
      previewController?.abort();
      draw.setActive(false);
      draw.abortDrawing();
      map.removeInteraction(draw);
      hazardsLayer.clear();
      hazardsLayer.setVisible(false);
      draftLayer.clear();
      draftLayer.setVisible(false);
      draft = null;
      selected = null;
      notice = null;
      detailNotice = null;
      draftImpact = { state: 'idle', impact: null, error: null, key: null };
      tool = 'pin';
      form.reset();
      root.hidden = true;
      map.getViewport().classList.remove('locating');
    },
    click(event) {
      if (!active) return false;
      if (tool === 'zone') return true;
      const hazard = hazardsLayer.hazardAt(event.pixel);
      if (hazard) selectHazard(hazard.id);
      else setDraft(new Point(event.coordinate));
      return true;
    },
    // hooks for tests and the console
    pin: (coordinate) => setDraft(new Point(coordinate)),
    preview: () => runPreview(),
    save: () => save(),
    select: (id) => selectHazard(id),
    setTool,
    state: () => ({ tool, draft: Boolean(draft), impact: draftImpact.state, selected: selected?.hazard?.id ?? null,
      geometry: draft ? writeGeometry(draft) : null, body: draft ? formBody() : null }),
    whenImpact: () => new Promise((resolve) => waiters.impact.push(resolve)),
    whenSaved: () => new Promise((resolve) => waiters.saved.push(resolve)),
    whenList: () => new Promise((resolve) => waiters.list.push(resolve)),
    whenDetail: () => new Promise((resolve) => waiters.detail.push(resolve)),
    layer: hazardsLayer,
  };
}
