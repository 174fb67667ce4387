// The planner's panels: the edit tab (tools, pending work, actions, notice, impact), the history tab with its
// revert confirmation, and the files tab; all drawn from the state, nothing kept here.

import { fromLonLat } from 'ol/proj.js';
import { exportUrl } from './api.js';
import { element } from './dom.js';
import { language, t, tf } from './i18n.js';
import { renderImpact } from './impact-view.js';
import { renderHistory } from './history-view.js';
import { errorDetail, whatText, withRoleNames } from './server-text.js';
import { FORMATS, operation, toolAllowed } from './planner-state.js';
import { placeName } from './place-name.js';

export function createPlannerPanels(c) {
  const { s, root, fitExtent, look } = c;
  const { villageSelect, villageHint, toolHint, statusBox, previewButton, saveButton, discardButton, messageBox, impactBox, historyBox, historyMessage, exportsBox, importInput, importMessage, importImpactBox, importConfirm, toolButtons, tabButtons, tabPanels, scopeButtons } = c.dom;
  function noticeElement(n, { onReload } = {}) {
    if (!n) return [];
    const parts = [element('p', { class: `notice-text ${n.kind}`, 'data-testid': 'notice-text', text: tf(n.key, n.vars ?? {}) })];
    const detail = n.text ? errorDetail(n.code, n.text) : null;
    if (detail) parts.push(element('p', { class: 'notice-detail', text: detail }));
    if (n.problems?.length) {
      const list = element('ol', { class: 'problem-list', 'data-testid': 'problem-list' });
      n.problems.forEach((p, i) => {
        const button = element('button', { type: 'button', class: 'problem', 'data-testid': 'problem-item' },
          element('span', { class: 'problem-n', text: String(i + 1) }),
          element('span', {}, element('strong', { text: whatText(p.what ?? '') }),
            language() === 'en' ? ` ${withRoleNames(p.reason ?? '')}` : ''));
        button.addEventListener('click', () => {
          if (Array.isArray(p.location)) {
            const at = fromLonLat(p.location);
            fitExtent([at[0], at[1], at[0], at[1]], { maxZoom: 18 });
          }
        });
        list.append(element('li', {}, button));
      });
      parts.push(list);
    }
    if (n.reload && onReload) {
      const reload = element('button', { type: 'button', class: 'action-button', 'data-testid': 'planner-reload', text: t('planner.reload') });
      reload.addEventListener('click', onReload);
      parts.push(reload);
    }
    return parts;
  }

  function renderVillageSelect() {
    const current = s.village?.code ?? '';
    villageSelect.replaceChildren(
      element('option', { value: '', text: t('planner.village.choose') }),
      ...s.villages.map((v) => element('option', { value: v.code, text: `${placeName({ name: v.name, name_en: v.name_en })} · ${v.code}` })),
    );
    villageSelect.value = current;
  }

  function renderTools() {
    for (const button of toolButtons) {
      const name = button.dataset.tool;
      button.setAttribute('aria-pressed', String(name === s.tool));
      button.disabled = !toolAllowed(s, name) && name !== s.tool;
    }
    let key = `planner.tool.${s.tool}.hint`;
    if (!s.village) key = 'planner.noVillage';
    else if (s.tool === 'merge') key = s.selection.length >= 2 ? 'planner.tool.merge.ready' : 'planner.tool.merge.hint';
    else if (s.tool === 'split' && s.split) key = 'planner.tool.split.ready';
    toolHint.textContent = t(key);
    if ((look.changed.size || look.moved.size) && s.tool !== 'split' && s.tool !== 'merge') {
      toolHint.textContent += ` ${t('planner.tools.locked')}`;
    }
  }

  function renderStatus() {
    const parts = [];
    const op = operation(s);
    if (op?.kind === 'edits') {
      if (look.changed.size) parts.push(tf('planner.pending.grids', { n: look.changed.size }));
      if (look.moved.size) parts.push(tf('planner.pending.facilities', { n: look.moved.size }));
    } else if (op?.kind === 'split') {
      parts.push(tf('planner.pending.split', { code: s.grids.get(op.gridId)?.code ?? '' }));
    } else if (op?.kind === 'merge') {
      parts.push(tf('planner.pending.merge', { codes: op.ids.map((id) => s.grids.get(id)?.code ?? id).join('、') }));
    }
    if (s.selection.length && op?.kind !== 'merge') {
      const g = s.grids.get(s.selection[0]);
      if (g) parts.push(tf('planner.selected', { name: g.name ?? '', code: g.code ?? '' }));
    }
    statusBox.textContent = parts.length ? parts.join(' · ') : (s.village ? t('planner.pending.none') : '');
    statusBox.dataset.changed = String(look.changed.size);
    statusBox.dataset.moved = String(look.moved.size);
  }

  function renderActions() {
    const op = operation(s);
    const busy = s.phase === 'previewing' || s.phase === 'saving' || s.phase === 'loading';
    previewButton.disabled = !op || busy;
    saveButton.disabled = !op || busy || !s.preview || s.preview.revision !== s.revision;
    discardButton.disabled = !s.village || busy;
    previewButton.textContent = t(s.phase === 'previewing' ? 'planner.previewing' : 'planner.preview');
    saveButton.textContent = t(s.phase === 'saving' ? 'planner.saving' : 'planner.save');
    saveButton.title = saveButton.disabled && op && !busy ? t('planner.save.needsPreview') : '';
  }

  function renderEditTab() {
    renderTools();
    renderStatus();
    renderActions();
    messageBox.replaceChildren(...noticeElement(s.notice, { onReload: () => c.discard() }));
    messageBox.dataset.kind = s.notice?.kind ?? '';
    messageBox.hidden = !s.notice;
    impactBox.replaceChildren(...(s.impact ? renderImpact(s.impact) : []));
    impactBox.dataset.state = s.impact ? (s.impact.dryRun ? 'dry' : 'saved') : 'none';
    impactBox.dataset.current = String(Boolean(s.impact && (!s.impact.dryRun ? true : s.preview?.revision === s.revision)));
    impactBox.hidden = !s.impact;
  }

  function renderHistoryTab() {
    for (const b of scopeButtons) b.setAttribute('aria-pressed', String(b.dataset.scope === s.historyScope));
    historyMessage.replaceChildren(...noticeElement(s.historyNotice));
    historyMessage.hidden = !s.historyNotice;
    historyMessage.dataset.kind = s.historyNotice?.kind ?? '';
    historyBox.dataset.state = s.history.state;
    historyBox.dataset.scope = s.historyScope;
    if (!s.history.key) {
      historyBox.replaceChildren(element('p', { class: 'muted', text: t(s.historyScope === 'grid' ? 'history.pickGrid' : 'history.loading') }));
      return;
    }
    const g = s.historyScope === 'grid' ? s.grids.get(s.selection[0]) : null;
    const title = element('h3', { text: g ? tf('history.ofGrid', { name: g.name ?? '', code: g.code ?? '' }) : t('history.town') });
    if (s.history.state === 'loading') {
      historyBox.replaceChildren(title, element('p', { class: 'muted', text: t('history.loading') }));
      return;
    }
    historyBox.replaceChildren(title, ...renderHistory(s.history.edits, {
      onShow: (edit, pin) => (pin ? c.pinEdit(edit) : c.showEdit(edit)),
      onHide: () => c.hideEdit(),
      onRevert: (edit) => c.previewRevert(edit),
      shown: s.pinned?.id ?? null,
      busy: s.revertBusy,
    }), ...revertConfirmation());
  }

  function revertConfirmation() {
    if (!s.revertPreview) return [];
    const { edit, answer } = s.revertPreview;
    const yes = element('button', { type: 'button', class: 'action-button primary', 'data-testid': 'history-revert-confirm',
      text: tf('history.revert.confirm', { id: edit.id }) });
    const no = element('button', { type: 'button', class: 'action-button', 'data-testid': 'history-revert-cancel',
      text: t('history.revert.cancel') });
    yes.addEventListener('click', () => c.revert(edit));
    no.addEventListener('click', () => {
      s.revertPreview = null;
      renderHistoryTab();
    });
    return [element('section', { class: 'notice revert-preview', role: 'alertdialog', 'data-testid': 'history-revert-preview' },
      element('p', { class: 'notice-text', text: tf('history.revert.preview', { id: edit.id }) }),
      element('div', { class: 'impact' }, ...renderImpact(answer)),
      element('div', { class: 'action-row wrap' }, yes, no))];
  }

  function renderFilesTab() {
    const code = s.village?.code;
    exportsBox.replaceChildren(...FORMATS.map((f) => element('a', {
      class: 'text-button export', 'data-testid': `export-${f.id}`, href: code ? exportUrl(code, f.id) : null,
      download: code ? '' : null, 'aria-disabled': code ? null : 'true', text: t(`files.format.${f.id}`),
    })));
    importInput.disabled = s.importState.state === 'checking' || s.importState.state === 'saving';
    const n = s.importState.notice ?? (s.importState.state === 'checking' ? { kind: 'info', key: 'files.checking' }
      : s.importState.state === 'saving' ? { kind: 'info', key: 'files.saving' } : null);
    importMessage.replaceChildren(...noticeElement(n));
    importMessage.hidden = !n;
    importImpactBox.replaceChildren(...(s.importState.impact ? renderImpact(s.importState.impact) : []));
    importImpactBox.hidden = !s.importState.impact;
    importConfirm.hidden = s.importState.state !== 'preview';
    importConfirm.disabled = s.importState.state !== 'preview';
    root.dataset.import = s.importState.state;
  }

  function render() {
    root.dataset.state = s.phase === 'idle' || !s.village ? 'idle' : s.phase === 'ready' ? (s.notice?.kind ?? 'ready') : s.phase;
    root.dataset.tool = s.tool;
    root.dataset.tab = s.tab;
    root.dataset.village = s.village?.code ?? '';
    villageSelect.value = s.village?.code ?? '';
    villageHint.textContent = t(s.village ? 'planner.village.hint.loaded' : 'planner.village.hint');
    for (const b of tabButtons) b.setAttribute('aria-selected', String(b.dataset.tab === s.tab));
    for (const p of tabPanels) p.hidden = p.dataset.tabPanel !== s.tab;
    renderEditTab();
    if (s.tab === 'history') renderHistoryTab();
    if (s.tab === 'files') renderFilesTab();
    c.applyTool();
  }

  function setTab(name) {
    s.tab = name;
    render();
    if (s.tab === 'history') c.loadHistory();
  }

  return { noticeElement, renderVillageSelect, renderTools, renderStatus, renderActions, renderEditTab, renderHistoryTab, revertConfirmation, renderFilesTab, render, setTab };
}
