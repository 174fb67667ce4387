// The side panel (a bottom sheet on a phone) with the selected feature's properties.

import { fetchItem } from './api.js';
import { onLanguageChange, t } from './i18n.js';
import { formatValue, propertyRows, titleOf } from './format.js';
import { element, phoneLink } from './dom.js';

/**
 * root: the panel element. highlight: see highlight.js. zoomTo(extent): fits the map.
 * show() returns a promise that settles once the full properties are shown (or failed).
 */
export function createPanel(root, { highlight, zoomTo, onClose }) {
  const title = root.querySelector('[data-role="title"]');
  const subtitle = root.querySelector('[data-role="subtitle"]');
  const body = root.querySelector('[data-role="body"]');
  const note = root.querySelector('[data-role="note"]');
  const zoomButton = root.querySelector('[data-role="zoom"]');
  const closeButton = root.querySelector('[data-role="close"]');

  let current = null; // {collection, id, properties, state}
  let controller = null;

  function render() {
    if (!current) return;
    const { collection, id, properties, state } = current;
    root.dataset.collection = collection ?? '';
    root.dataset.featureId = id ?? '';
    root.dataset.state = state;
    title.textContent = current.aggregate && properties.count !== undefined
      ? formatValue('count', properties.count)
      : titleOf(collection, properties, id);
    subtitle.textContent = t(current.aggregate ? 'panel.aggregate' : `collection.${collection}`);
    note.hidden = state !== 'loading' && state !== 'error';
    note.textContent = state === 'loading' ? t('panel.loading') : state === 'error' ? t('panel.error') : '';
    note.classList.toggle('error', state === 'error');
    zoomButton.hidden = !highlight.extent();
    body.replaceChildren();
    const list = element('dl', { class: 'props' });
    for (const row of propertyRows(properties)) {
      list.append(element('dt', { text: row.label }));
      if (row.people) {
        const people = element('ul', { class: 'people' });
        for (const p of row.people) {
          const phone = p.phone ? phoneLink(p.phone) : null;
          people.append(element('li', {},
            element('span', { class: 'role', text: p.role }),
            element('span', { class: 'who', text: p.name }),
            phone));
        }
        list.append(element('dd', {}, people));
      } else {
        list.append(element('dd', { text: row.value }));
      }
    }
    body.append(list);
  }

  function open() {
    root.hidden = false;
    document.body.classList.add('panel-open');
  }

  function close() {
    controller?.abort();
    controller = null;
    current = null;
    root.hidden = true;
    document.body.classList.remove('panel-open');
    highlight.clear();
    onClose?.();
  }

  /**
   * Shows a feature: {collection, id, properties (from the tile, shown at once), renderFeature,
   * aggregate}. Full properties and geometry come from the OGC item.
   */
  async function show({ collection, id, properties = {}, renderFeature = null, aggregate = false, focus = false }) {
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    current = { collection, id, properties, aggregate, state: id === undefined || id === null ? 'ready' : 'loading' };
    if (renderFeature) highlight.showRendered(renderFeature);
    else highlight.clear();
    render();
    open();
    if (focus) closeButton.focus({ preventScroll: true });
    if (current.state !== 'loading') return current;
    try {
      const item = await fetchItem(collection, id, signal);
      if (signal.aborted) return current;
      current = { ...current, properties: { ...properties, ...(item.properties ?? {}) }, state: 'ready', item };
      highlight.showGeoJSON(item);
    } catch (error) {
      if (signal.aborted) return current;
      current = { ...current, state: 'error', error: String(error?.message ?? error) };
    }
    render();
    return current;
  }

  closeButton.addEventListener('click', close);
  zoomButton.addEventListener('click', () => {
    const extent = highlight.extent();
    if (extent) zoomTo(extent);
  });
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  onLanguageChange(render);

  return { show, close, current: () => current };
}
