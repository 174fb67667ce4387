// The monitor's panels: the draft's form and impact, a saved hazard's detail with its actions, the list.

import { toLonLat } from 'ol/proj.js';
import { getArea } from 'ol/sphere.js';
import { patchHazard, postInspection } from './api.js';
import { element } from './dom.js';
import { formatValue } from './format.js';
import { t, tf } from './i18n.js';
import {
  gradeName, renderHazardFacts, renderHazardImpact, renderInspections,
} from './hazard-view.js';
import { hazardGrades, isOpenStatus, visibleHazards } from './monitor-state.js';
import { formatNumber } from './units.js';

export function createMonitorPanels(c) {
  const { s, root, hazardsLayer, draw } = c;
  const { hint, messageBox, form, where, impactBox, detailsBox, detailBox, listBox, toolButtons, scopeButtons, fields, saveButton } = c.dom;
  function renderDetail() {
    if (!s.selected) {
      detailBox.replaceChildren();
      detailBox.hidden = true;
      return;
    }
    detailBox.hidden = false;
    const { hazard, impact, inspections, state } = s.selected;
    detailBox.dataset.state = state;
    detailBox.dataset.code = hazard?.code ?? '';
    const observation = detailBox.querySelector('[data-testid="inspection-observation"]')?.value ?? '';
    const close = element('button', { type: 'button', class: 'icon-button', 'data-testid': 'hazard-detail-close',
      'aria-label': t('hazard.detail.close'), title: t('hazard.detail.close'), text: '×' });
    close.addEventListener('click', () => {
      s.selected = null;
      hazardsLayer.select(null);
      render();
    });
    const head = element('div', { class: 'detail-head' },
      element('div', {},
        element('p', { class: 'subtitle', text: hazard ? `${hazard.code ?? ''} · ${formatValue('type', hazard.type) ?? ''}` : '' }),
        element('h3', { class: 'detail-title', 'data-testid': 'hazard-detail-title', text: hazard?.name ?? t('panel.loading') })),
      close);
    const parts = [head];
    if (s.detailNotice) {
      parts.push(element('p', { class: `notice-text ${s.detailNotice.kind}`, role: 'status', 'data-testid': 'hazard-detail-message',
        text: s.detailNotice.text }));
    }
    if (state === 'loading') parts.push(element('p', { class: 'muted', text: t('panel.loading') }));
    if (hazard && state === 'ready') {
      parts.push(...renderHazardFacts(hazard));
      if (impact) parts.push(...renderHazardImpact(impact, { setGrade: hazard.grade ?? null, saved: true }));
      if (impact?.closedRoadIds?.length) {
        parts.push(element('p', { class: 'note closed-roads-note', 'data-testid': 'hazard-closed-roads',
          text: tf('hazard.closedRoads.onMap', { n: formatNumber(impact.closedRoadIds.length) }) }));
      }

      if (hazard.status === 'closed') {
        // 已销号: the record is final; it is read, not acted on
        parts.push(element('p', { class: 'note', 'data-testid': 'hazard-readonly', text: t('hazard.readonly') }));
      } else {
      // actions: roads (closing them asks first: walks are rerouted or cut), grade
      const blocks = Boolean(hazard.blocks_roads);
      const toggle = element('button', { type: 'button', class: 'action-button', 'data-testid': 'hazard-toggle-blocks',
        disabled: s.busy, text: t(blocks ? 'hazard.unblock' : 'hazard.block') });
      toggle.addEventListener('click', () => {
        if (!blocks && s.confirmingBlock !== hazard.id) {
          s.confirmingBlock = hazard.id;
          renderDetail();
          return;
        }
        s.confirmingBlock = null;
        c.act((h) => patchHazard(h.id, { version: h.version, blocks_roads: !blocks }));
      });
      const confirm = s.confirmingBlock === hazard.id && !blocks
        ? element('div', { class: 'notice confirm', role: 'alertdialog', 'data-testid': 'hazard-block-confirm' },
          element('p', { text: tf('hazard.block.confirm', { n: formatNumber(impact?.roads?.length ?? 0) }) }),
          element('div', { class: 'action-row wrap' },
            element('button', { type: 'button', class: 'action-button primary', 'data-testid': 'hazard-block-yes',
              disabled: s.busy, text: t('hazard.block.yes') }),
            element('button', { type: 'button', class: 'action-button', 'data-testid': 'hazard-block-no',
              text: t('hazard.block.no') })))
        : null;
      confirm?.querySelector('[data-testid="hazard-block-yes"]').addEventListener('click', () => toggle.click());
      confirm?.querySelector('[data-testid="hazard-block-no"]').addEventListener('click', () => {
        s.confirmingBlock = null;
        renderDetail();
      });
      const grade = element('select', { 'data-testid': 'hazard-grade-change', 'aria-label': t('field.grade') },
        element('option', { value: '', text: t('hazard.grade.none') }),
        ...hazardGrades().map((g) => element('option', { value: g, text: t(`grade.${g}`) })));
      grade.value = hazard.grade ?? '';
      const applyGrade = element('button', { type: 'button', class: 'action-button', 'data-testid': 'hazard-grade-apply',
        disabled: s.busy, text: t('hazard.grade.apply') });
      applyGrade.addEventListener('click', () => c.act((h) => patchHazard(h.id, { version: h.version, grade: grade.value || null })));
      const suggested = impact?.suggestedGrade;
      const adopt = suggested && suggested !== hazard.grade
        ? element('button', { type: 'button', class: 'text-button small', 'data-testid': 'hazard-adopt-grade',
          text: tf('hazard.adoptNamed', { grade: gradeName(suggested) }) }) : null;
      adopt?.addEventListener('click', () => c.act((h) => patchHazard(h.id, { version: h.version, grade: suggested })));
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
        disabled: s.busy, text: t('hazard.inspection.submit') });
      record.addEventListener('click', () => {
        const value = text.value.trim();
        if (!value) {
          s.detailNotice = { kind: 'invalid', text: t('hazard.error.observation') };
          renderDetail();
          return;
        }
        const body = { observation: value, version: hazard.version };
        if (next.value) body.status = next.value;
        c.act((h) => postInspection(h.id, body)).then((answer) => {
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

  function renderList() {
    for (const b of scopeButtons) b.setAttribute('aria-pressed', String(b.dataset.scope === s.scope));
    const hazards = visibleHazards(hazardsLayer.hazards(), { scope: s.scope, mine: s.mine });
    if (!hazards.length) {
      // "my grids" is empty for two reasons: no hazard there, or the account serves in no grid at all
      const unlinked = s.scope === 'mine' && Array.isArray(s.mine?.grids) && s.mine.grids.length === 0;
      listBox.replaceChildren(element('p', { class: 'muted', 'data-testid': 'hazard-list-empty',
        text: t(unlinked ? 'hazard.list.noGrids' : s.scope === 'mine' ? 'hazard.list.noneMine' : 'hazard.list.none') }));
      return;
    }
    listBox.replaceChildren(element('ul', { class: 'hazard-list' }, hazards.slice(0, 100).map((h) => {
      const button = element('button', { type: 'button', class: `hazard-item${isOpenStatus(h.status) ? '' : ' closed'}`,
        'data-testid': 'hazard-item', 'data-code': h.code ?? '', 'aria-pressed': String(s.selected?.hazard?.id === h.id) },
      element('span', { class: `grade-dot grade-${h.grade ?? 'none'}`, 'aria-hidden': 'true' }),
      element('span', { class: 'name', text: h.name ?? h.code }),
      element('span', { class: 'meta', text: [formatValue('type', h.type), gradeName(h.grade), formatValue('status', h.status),
        h.blocks_roads ? t('hazard.blocksShort') : null].filter(Boolean).join(' · ') }));
      button.addEventListener('click', () => c.selectHazard(h.id));
      return element('li', {}, button);
    })));
  }

  function renderForm() {
    form.hidden = !s.draft;
    detailsBox.replaceChildren();
    detailsBox.hidden = true;
    if (!s.draft) {
      impactBox.replaceChildren();
      impactBox.hidden = true;
      return;
    }
    if (s.draft.getType() === 'Point') {
      const [lon, lat] = toLonLat(s.draft.getCoordinates());
      where.textContent = tf('hazard.where.point', { lon: lon.toFixed(5), lat: lat.toFixed(5) });
    } else {
      where.textContent = tf('hazard.where.zone', { a: formatNumber(Math.round(getArea(s.draft))) });
    }
    saveButton.disabled = s.saving;
    saveButton.textContent = t(s.saving ? 'hazard.saving' : 'hazard.save');
    const problem = c.formProblem();
    impactBox.hidden = false;
    const pending = s.draftImpact.key !== c.requestKey() && s.draftImpact.state === 'ready';
    impactBox.dataset.state = pending ? 'pending' : s.draftImpact.state;
    const { impact } = s.draftImpact;
    impactBox.dataset.radius = impact?.radius_m ?? '';
    const head = element('h3', { class: 'impact-title', text: t('hazard.impact.title') });
    if (problem) {
      impactBox.replaceChildren(head, element('p', { class: 'note error', text: problem.text }));
    } else if (s.draftImpact.state === 'error') {
      impactBox.replaceChildren(head, element('p', { class: 'note error', 'data-testid': 'hazard-impact-error', text: c.errorText(s.draftImpact.error) }));
    } else if (impact) {
      const updating = s.draftImpact.state === 'loading' ? [element('p', { class: 'hint', text: t('hazard.impact.updating') })] : [];
      const options = { setGrade: fields.grade.value || null, onAdopt: (g) => {
        fields.grade.value = g;
        c.schedulePreview();
      } };
      impactBox.replaceChildren(head, ...updating, ...renderHazardImpact(impact, { ...options, part: 'summary' }));
      detailsBox.replaceChildren(...renderHazardImpact(impact, { ...options, part: 'details' }));
      detailsBox.hidden = false;
    } else {
      impactBox.replaceChildren(head, element('p', { class: 'muted', text: t('hazard.impact.loading') }));
    }
  }

  function render() {
    root.dataset.state = s.draft ? 'draft' : s.selected ? 'detail' : 'idle';
    root.dataset.tool = s.tool;
    for (const b of toolButtons) b.setAttribute('aria-pressed', String(b.dataset.tool === s.tool));
    hint.textContent = t(s.tool === 'zone' ? 'monitor.hint.zone' : 'monitor.hint.pin');
    messageBox.hidden = !s.notice;
    messageBox.dataset.kind = s.notice?.kind ?? '';
    messageBox.replaceChildren(...(s.notice ? [
      element('p', { class: `notice-text ${s.notice.kind}`, 'data-testid': 'monitor-notice', text: tf(s.notice.key, s.notice.vars ?? {}) }),
      s.notice.text ? element('p', { class: 'notice-detail', 'data-testid': 'monitor-routing', text: s.notice.text }) : null,
    ].filter(Boolean) : []));
    renderForm();
    renderDetail();
    renderList();
    draw.setActive(s.active && s.tool === 'zone');
    c.syncClosedRoads();
  }

  return { renderDetail, renderList, renderForm, render };
}
