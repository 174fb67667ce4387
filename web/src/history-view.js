// The edit history as a list: who changed which grids, when, why and with what effect, whether it was
// reverted; hovering or clicking an entry shows its shapes before and after, and each entry can be reverted.

import { element } from './dom.js';
import { language, t, tf } from './i18n.js';
import { formatNumber } from './units.js';

function when(at) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at ?? '');
  return date.toLocaleString(language() === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'short', timeStyle: 'short' });
}

/**
 * edits: the entries of /api/grids/{id}/history or /api/edits. handlers: {onShow(edit, pinned), onHide(edit),
 * onRevert(edit)}; shown: the id of the entry whose shapes are pinned on the map.
 */
export function renderHistory(edits, { onShow, onHide, onRevert, shown = null, busy = null } = {}) {
  if (!edits?.length) return [element('p', { class: 'muted', 'data-testid': 'history-empty', text: t('history.empty') })];
  const list = element('ol', { class: 'history-list' });
  for (const edit of edits) {
    const codes = (edit.grids ?? []).map((g) => g.code).filter(Boolean);
    const state = edit.revertedBy ? tf('history.revertedBy', { id: edit.revertedBy })
      : edit.reverts ? tf('history.reverts', { id: edit.reverts }) : null;
    const show = element('button', { type: 'button', class: 'history-show', 'aria-pressed': String(shown === edit.id),
      title: t('history.show') },
    element('span', { class: 'history-title' },
      element('strong', { text: `#${edit.id} · ${t(`impact.kind.${edit.kind}`)}` }),
      element('span', { class: 'meta', 'data-testid': 'history-user', text: `${edit.user ?? '—'} · ${when(edit.at)}` })),
    element('span', { class: 'history-message', text: edit.message || t('history.noMessage') }),
    element('span', { class: 'meta', text: [
      codes.length ? tf('history.grids', { codes: codes.slice(0, 4).join('、') + (codes.length > 4 ? '…' : '') }) : null,
      tf('history.households', { n: formatNumber(edit.householdsChanged ?? 0) }),
    ].filter(Boolean).join(' · ') }),
    state ? element('span', { class: 'history-state', text: state }) : null);
    show.addEventListener('mouseenter', () => onShow?.(edit, false));
    show.addEventListener('mouseleave', () => onHide?.(edit));
    show.addEventListener('focus', () => onShow?.(edit, false));
    show.addEventListener('blur', () => onHide?.(edit));
    show.addEventListener('click', () => onShow?.(edit, true));
    const revert = element('button', { type: 'button', class: 'text-button small', 'data-testid': 'history-revert',
      disabled: Boolean(edit.revertedBy) || busy === edit.id, title: t('history.revert.title'), text: t('history.revert') });
    revert.addEventListener('click', () => onRevert?.(edit));
    list.append(element('li', { class: `history-item${edit.revertedBy ? ' reverted' : ''}`, 'data-testid': 'history-item',
      'data-edit-id': edit.id, 'data-user': edit.user ?? '', 'data-kind': edit.kind ?? '' }, show, revert));
  }
  return [list];
}
