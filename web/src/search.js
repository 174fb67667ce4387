// The search box: a combobox over GET /api/search. Arrow keys move through the results, Enter opens one,
// Escape closes the list.

import { search } from './api.js';
import { onLanguageChange, t } from './i18n.js';

const DEBOUNCE_MS = 180;
const COARSE = window.matchMedia('(pointer: coarse)');

export function createSearch(root, { onChoose }) {
  const input = root.querySelector('input');
  const list = root.querySelector('[role="listbox"]');
  const clear = root.querySelector('[data-role="clear"]');
  let results = [];
  let active = -1;
  let timer = 0;
  let controller = null;
  let lastQuery = '';
  let message = '';

  function setExpanded(expanded) {
    list.hidden = !expanded;
    input.setAttribute('aria-expanded', String(expanded));
    if (!expanded) input.removeAttribute('aria-activedescendant');
  }

  function render() {
    list.replaceChildren();
    if (message) {
      const li = document.createElement('li');
      li.className = 'message';
      li.setAttribute('role', 'presentation');
      li.textContent = t(message);
      list.append(li);
    }
    results.forEach((r, i) => {
      const li = document.createElement('li');
      li.id = `search-option-${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(i === active));
      li.dataset.index = String(i);
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = r.name ?? r.code ?? '';
      const meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = [t(`collection.${r.collection}`), r.code].filter(Boolean).join(' · ');
      li.append(name, meta);
      list.append(li);
    });
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', `search-option-${active}`);
      list.querySelector(`#search-option-${active}`)?.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
    setExpanded(Boolean(message) || results.length > 0);
  }

  async function run(query) {
    controller?.abort();
    lastQuery = query;
    if (!query) {
      results = [];
      message = '';
      render();
      return;
    }
    controller = new AbortController();
    const { signal } = controller;
    try {
      const body = await search(query, signal);
      if (signal.aborted || query !== lastQuery) return;
      results = Array.isArray(body?.results) ? body.results : [];
      message = results.length ? '' : 'search.none';
    } catch (error) {
      if (signal.aborted) return;
      results = [];
      message = 'search.error';
    }
    active = results.length ? 0 : -1;
    render();
  }

  function choose(index) {
    const result = results[index];
    if (!result) return;
    setExpanded(false);
    input.value = result.name ?? result.code ?? input.value;
    clear.hidden = !input.value;
    // on a touch screen, put the keyboard away so the map and the panel have the room
    if (COARSE.matches) input.blur();
    onChoose(result);
  }

  input.addEventListener('input', () => {
    clear.hidden = !input.value;
    clearTimeout(timer);
    const query = input.value.trim();
    timer = setTimeout(() => run(query), DEBOUNCE_MS);
  });

  input.addEventListener('keydown', async (event) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (list.hidden && results.length) { render(); break; }
        if (results.length) { active = (active + 1) % results.length; render(); }
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (results.length) { active = (active - 1 + results.length) % results.length; render(); }
        break;
      case 'Enter': {
        event.preventDefault();
        const query = input.value.trim();
        if (query && query !== lastQuery) {
          clearTimeout(timer);
          await run(query);
        }
        if (results.length) choose(active >= 0 ? active : 0);
        break;
      }
      case 'Escape':
        if (!list.hidden) {
          event.preventDefault();
          setExpanded(false);
        } else if (input.value) {
          input.value = '';
          clear.hidden = true;
          run('');
        }
        break;
      default:
        break;
    }
  });

  // mousedown, not click: it comes before the input's blur closes the list
  list.addEventListener('mousedown', (event) => {
    const option = event.target.closest('[role="option"]');
    if (!option) return;
    event.preventDefault();
    choose(Number(option.dataset.index));
  });

  input.addEventListener('focus', () => {
    if (results.length || message) render();
  });
  input.addEventListener('blur', () => setTimeout(() => setExpanded(false), 120));

  clear.addEventListener('click', () => {
    input.value = '';
    clear.hidden = true;
    run('');
    input.focus();
  });

  onLanguageChange(() => { if (!list.hidden) render(); });

  return {
    /** Runs a query as if typed, and resolves with the results. */
    async query(text) {
      input.value = text;
      clear.hidden = !text;
      clearTimeout(timer);
      await run(text.trim());
      return results;
    },
    choose,
    close: () => setExpanded(false),
  };
}
