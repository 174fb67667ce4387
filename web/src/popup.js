// A small card anchored to a place on the map (a gap, a suggested site), with a close button. Once shown,
// the map pans so that the card is clear of the panels and the top bar that float above the map.

import Overlay from 'ol/Overlay.js';
import { element } from './dom.js';
import { t } from './i18n.js';

/** Elements floating over the map that a popup must not hide behind. */
function obstacles() {
  return [...document.querySelectorAll('.topbar, .card:not([hidden]), .mode-bar')]
    .filter((el) => el.offsetParent !== null || getComputedStyle(el).position === 'fixed')
    .filter((el) => getComputedStyle(el).visibility !== 'hidden' && getComputedStyle(el).display !== 'none')
    .map((el) => ({ el, rect: el.getBoundingClientRect() }))
    .filter(({ rect }) => rect.width > 0 && rect.height > 0);
}

/** The pixels [dx, dy] to move the map's content by so that rect is clear of the floating elements. */
function clearance(rect, viewport, margin = 12) {
  let dx = 0;
  let dy = 0;
  const overlaps = (o) => rect.left < o.right && rect.right > o.left && rect.top < o.bottom && rect.bottom > o.top;
  for (const { el, rect: o } of obstacles()) {
    if (!overlaps(o)) continue;
    const wide = o.width > viewport.width * 0.8;
    if (el.classList.contains('topbar') || (wide && o.top <= viewport.top + 1)) dy = Math.max(dy, o.bottom + margin - rect.top);
    else if (wide) dy = Math.min(dy, o.top - margin - rect.bottom);
    else if (o.left + o.width / 2 < viewport.left + viewport.width / 2) dx = Math.max(dx, o.right + margin - rect.left);
    else dx = Math.min(dx, o.left - margin - rect.right);
  }
  // and inside the map itself
  if (rect.top + dy < viewport.top + margin) dy = viewport.top + margin - rect.top;
  if (rect.left + dx < viewport.left + margin) dx = viewport.left + margin - rect.left;
  if (rect.right + dx > viewport.right - margin) dx = viewport.right - margin - rect.right;
  return [dx, dy];
}

export function createPopup(map) {
  const content = element('div', { class: 'popup-body' });
  const close = element('button', { type: 'button', class: 'icon-button popup-close', 'data-role': 'close',
    'aria-label': t('popup.close'), title: t('popup.close'), text: '×' });
  const root = element('div', { class: 'map-popup', role: 'dialog', 'data-testid': 'map-popup' }, close, content);
  const overlay = new Overlay({
    element: root,
    positioning: 'bottom-center',
    offset: [0, -14],
    stopEvent: true,
  });
  map.addOverlay(overlay);
  let render = null;
  let coordinate = null;

  function hide() {
    overlay.setPosition(undefined);
    render = null;
    coordinate = null;
    root.hidden = true;
  }

  function keepClear() {
    if (root.hidden) return;
    const [dx, dy] = clearance(root.getBoundingClientRect(), map.getViewport().getBoundingClientRect());
    if (Math.abs(dx) < 1 && Math.abs(dy) < 1) return;
    const view = map.getView();
    const resolution = view.getResolution();
    const [cx, cy] = view.getCenter();
    view.animate({ center: [cx - dx * resolution, cy + dy * resolution], duration: 250 });
  }

  close.addEventListener('click', hide);
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') hide();
  });
  hide();

  return {
    /** Shows, at coordinate (map projection), what renderContent() builds; it is rebuilt on refresh(). */
    show(at, renderContent) {
      render = renderContent;
      coordinate = at;
      content.replaceChildren(...[].concat(render()));
      root.hidden = false;
      overlay.setPosition(at);
      map.once('postrender', () => requestAnimationFrame(keepClear));
      map.render();
    },
    hide,
    refresh() {
      close.setAttribute('aria-label', t('popup.close'));
      close.title = t('popup.close');
      if (render && coordinate) content.replaceChildren(...[].concat(render()));
    },
    isOpen: () => Boolean(render),
  };
}

/** A title, rows of label / value and an optional note, for a popup. */
export function popupTable(title, rows, note = null) {
  const list = element('dl', { class: 'props compact' });
  for (const [label, value] of rows) {
    if (value === null || value === undefined) continue;
    list.append(element('dt', { text: label }), element('dd', { text: value }));
  }
  const parts = [element('h3', { class: 'popup-title', text: title }), list];
  if (note) parts.push(element('p', { class: 'hint', text: note }));
  return parts;
}
