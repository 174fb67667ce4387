// The monitor on the map and in its form: the draft (a pinned point or a drawn zone) with its threat zone, and
// the hazard the form describes.

import GeoJSON from 'ol/format/GeoJSON.js';
import { circular } from 'ol/geom/Polygon.js';
import { toLonLat } from 'ol/proj.js';
import { element } from './dom.js';
import { t, tf } from './i18n.js';
import { readGeometry } from './hazard-layer.js';
import { hazardGrades, hazardTypes, initialStatuses, MAX_RADIUS, parseRadius } from './monitor-state.js';
import { formatNumber } from './units.js';

const FINE_POINTER = window.matchMedia('(pointer: fine)');
const geojson = new GeoJSON();

export function writeGeometry(geometry) {
  return geojson.writeGeometryObject(geometry, { dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857', decimals: 7 });
}

export function createMonitorMap(c) {
  const { s, closedRoads, hazardsLayer, draftLayer, draw } = c;
  const { form, formError, fields } = c.dom;
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
    return parseRadius(fields.radius.value);
  }

  /** The hazard as the form describes it (the body of a create and of a dry run). */
  function formBody() {
    const body = {
      type: fields.type.value,
      radius_m: radiusValue(),
      status: fields.status.value || 'reported',
      blocks_roads: fields.blocks.checked,
      geometry: s.draft ? writeGeometry(s.draft) : null,
    };
    const name = fields.name.value.trim();
    if (name) body.name = name;
    if (fields.grade.value) body.grade = fields.grade.value;
    const description = fields.description.value.trim();
    if (description) body.description = description;
    return body;
  }

  /** What keeps the form from being sent: {field, text}, or null. */
  function formProblem({ forSave = false } = {}) {
    const r = radiusValue();
    if (r === null || r < 0 || r > MAX_RADIUS) return { field: 'radius', text: tf('hazard.error.radius', { max: formatNumber(MAX_RADIUS) }) };
    if (forSave && !fields.name.value.trim()) return { field: 'name', text: t('hazard.error.name') };
    return null;
  }

  /** A field's error, written right under the field and tied to it for screen readers. */
  function showFieldError({ field, text }) {
    clearFieldErrors();
    const input = fields[field];
    const id = `hazard-${field}-error`;
    input.insertAdjacentElement('afterend', element('p', { class: 'field-error', id, role: 'alert',
      'data-testid': `field-error-${field}`, text }));
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
    input.focus();
  }

  function clearFieldErrors() {
    for (const p of form.querySelectorAll('.field-error')) p.remove();
    for (const input of Object.values(fields)) {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
  }

  // 阻断道路 closes roads: ticking it asks first, with the number of roads the zone reaches
  function askBeforeBlocking() {
    form.querySelector('[data-testid="hazard-form-block-confirm"]')?.remove();
    if (!fields.blocks.checked) return;
    fields.blocks.checked = false;
    const n = s.draftImpact.impact?.roads?.length ?? 0;
    const yes = element('button', { type: 'button', class: 'action-button primary', 'data-testid': 'hazard-form-block-yes',
      text: t('hazard.block.yes') });
    const no = element('button', { type: 'button', class: 'action-button', 'data-testid': 'hazard-form-block-no',
      text: t('hazard.block.no') });
    const box = element('div', { class: 'notice confirm', role: 'alertdialog', 'data-testid': 'hazard-form-block-confirm' },
      element('p', { text: tf('hazard.block.confirm', { n: formatNumber(n) }) }),
      element('div', { class: 'action-row wrap' }, yes, no));
    yes.addEventListener('click', () => {
      box.remove();
      fields.blocks.checked = true;
      schedulePreview();
      fields.blocks.focus();
    });
    no.addEventListener('click', () => {
      box.remove();
      fields.blocks.focus();
    });
    fields.blocks.closest('label').insertAdjacentElement('afterend', box);
    no.focus();
  }
  fields.blocks.addEventListener('change', askBeforeBlocking);
  for (const input of Object.values(fields)) input.addEventListener('input', clearFieldErrors);

  function zonePreview() {
    if (!s.draft) return null;
    if (s.draftImpact.impact?.zone?.geometry && s.draftImpact.key === requestKey()) return readGeometry(s.draftImpact.impact.zone.geometry);
    const r = radiusValue();
    if (s.draft.getType() === 'Point' && r > 0) {
      return circular(toLonLat(s.draft.getCoordinates()), r, 64).transform('EPSG:4326', 'EPSG:3857');
    }
    return null;
  }

  function drawDraft() {
    draftLayer.show(s.draft, zonePreview());
  }

  function requestKey() {
    const b = formBody();
    return JSON.stringify([b.type, b.radius_m, b.grade ?? null, b.status, b.blocks_roads, b.geometry]);
  }

  function schedulePreview() {
    clearTimeout(s.previewTimer);
    drawDraft();
    c.renderForm();
    if (!s.draft) return;
    s.previewTimer = setTimeout(() => c.runPreview(), 350);
  }

  function clearDraft() {
    clearTimeout(s.previewTimer);
    s.previewController?.abort();
    s.draft = null;
    s.draftImpact = { state: 'idle', impact: null, error: null, key: null };
    draftLayer.clear();
    draw.abortDrawing();
    form.reset();
    form.querySelector('[data-testid="hazard-form-block-confirm"]')?.remove();
    clearFieldErrors();
    fields.radius.value = '100';
    formError.hidden = true;
    c.render();
  }

  function setDraft(geometry) {
    s.draft = geometry;
    if (s.selected) {
      s.selected = null;
      hazardsLayer.select(null);
    }
    s.notice = null;
    formError.hidden = true;
    c.render();
    schedulePreview();
    // with a mouse, typing can start at once; on a phone the keyboard would cover the map
    if (!fields.name.value && FINE_POINTER.matches) fields.name.focus({ preventScroll: true });
  }

  function setTool(name) {
    s.tool = name === 'zone' ? 'zone' : 'pin';
    draw.abortDrawing();
    c.render();
  }

  // ---------------------------------------------------------------- wiring
  draw.on('drawstart', () => draftLayer.clear());
  draw.on('drawend', (event) => {
    if (!radiusValue()) fields.radius.value = '50';
    setDraft(event.feature.getGeometry());
  });

  /** The roads the selected hazard closes, drawn on the map; the count written on the panel once drawn. */
  function syncClosedRoads() {
    const sel = s.selected?.state === 'ready' ? s.selected : null;
    const ids = sel?.impact?.closedRoadIds ?? [];
    const key = sel && ids.length ? `${sel.hazard.id}:${sel.hazard.version}:${ids.join(',')}` : null;
    if (key === s.closedRoadsKey) return;
    s.closedRoadsKey = key;
    if (!key) {
      closedRoads.clear();
      delete c.root.dataset.closedRoads;
      return;
    }
    closedRoads.show(readGeometry(sel.impact.zone?.geometry), ids).then((n) => {
      if (s.closedRoadsKey === key) c.root.dataset.closedRoads = String(n);
    });
  }

  return { showFieldError, clearFieldErrors, syncClosedRoads, fillSelect, fillForm, radiusValue, formBody, formProblem, zonePreview, drawDraft, requestKey, schedulePreview, clearDraft, setDraft, setTool };
}
