// The layer switcher: a checkbox per layer with its legend, and the choice of an online basemap.
// On a phone it sits behind the "Layers" button.

import { onLanguageChange, t } from './i18n.js';
import { LAYERS } from './layers.js';
import { legendEntries } from './legend.js';
import { loadVocabulary, onVocabulary } from './vocabulary.js';

const PHONE = window.matchMedia('(max-width: 700px)');

export function createSwitcher(root, toggleButton, { tileLayers, online }) {
  const list = root.querySelector('[data-role="layers"]');
  const basemaps = root.querySelector('[data-role="basemaps"]');
  const closeButton = root.querySelector('[data-role="close"]');
  let villages = [];

  function setOpen(open) {
    root.hidden = !open;
    toggleButton.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('layers-open', open);
  }

  function renderLayers() {
    list.replaceChildren();
    for (const spec of [...LAYERS].reverse()) {
      const layer = tileLayers.get(spec.name);
      const item = document.createElement('li');
      item.className = 'layer';
      item.dataset.layer = spec.name;
      const id = `layer-toggle-${spec.name}`;
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.id = id;
      box.checked = layer.getVisible();
      box.setAttribute('data-testid', `layer-toggle-${spec.name}`);
      box.addEventListener('change', () => layer.setVisible(box.checked));
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = t(`layer.${spec.name}`);
      const head = document.createElement('div');
      head.className = 'layer-head';
      head.append(box, label);
      const legend = document.createElement('ul');
      legend.className = 'legend';
      let lastGroup;
      for (const entry of legendEntries(spec.name, villages)) {
        if (entry.group && entry.group !== lastGroup) {
          const caption = document.createElement('li');
          caption.className = 'legend-caption';
          caption.textContent = t('legend.hazards.grade');
          legend.append(caption);
        }
        lastGroup = entry.group;
        const li = document.createElement('li');
        const text = document.createElement('span');
        text.textContent = entry.label;
        li.append(entry.symbol, text);
        legend.append(li);
      }
      item.append(head, legend);
      item.classList.toggle('off', !box.checked);
      box.addEventListener('change', () => item.classList.toggle('off', !box.checked));
      list.append(item);
    }
  }

  function renderBasemaps() {
    basemaps.replaceChildren();
    const options = [
      ['none', t('layers.online.none'), true],
      ['osm', t('layers.online.osm'), true],
      ['tianditu', online.tiandituAvailable ? t('layers.online.tianditu') : t('layers.online.tianditu.missing'),
        online.tiandituAvailable],
    ];
    for (const [value, text, enabled] of options) {
      const label = document.createElement('label');
      label.className = 'basemap-option';
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = 'online-basemap';
      radio.value = value;
      radio.checked = online.current() === value;
      radio.disabled = !enabled;
      radio.setAttribute('data-testid', `basemap-${value}`);
      radio.addEventListener('change', () => { if (radio.checked) online.choose(value); });
      label.append(radio, document.createTextNode(text));
      basemaps.append(label);
    }
  }

  function render() {
    renderLayers();
    renderBasemaps();
  }

  toggleButton.addEventListener('click', () => setOpen(root.hidden));
  closeButton.addEventListener('click', () => {
    setOpen(false);
    toggleButton.focus();
  });
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      setOpen(false);
      toggleButton.focus();
    }
  });
  onLanguageChange(render);
  // the hazard legend lists the server's words: drawn again once they arrive
  onVocabulary(() => renderLayers());
  loadVocabulary();

  render();
  setOpen(!PHONE.matches);

  return {
    setVillages(list) {
      villages = list;
      renderLayers();
    },
    refresh: render,
    setOpen,
    isPhone: () => PHONE.matches,
  };
}
