// Errands mode ("代办"), for staff: the errands they hold, held or supervise (GET /api/errands/mine) with the
// one step each allows — confirm receipt of one handed to them, hand one on to the next level (the receiver then
// confirms: every hand-off is signed by both sides), open the printable four-part form — and, per village, the
// errands past their deadline (GET /api/errands/overdue), which the level above must see. Staff file errands
// for residents here (the item from the catalogue, at a service point — typed, or tapped on the map — or taken by
// phone), move them on once the department has them (result ready, returned, closed with the resident's
// rating), and see them on the map: each errand at the place that holds it, overdue ones marked, the village's
// grids with their counts, and the path of the errand opened.

import './errands.css';
import { getJSON, sendJSON } from './api.js';
import { onLanguageChange, t, tf } from './i18n.js';
import { errandCard, handOffForm, overdueRow } from './errands-view.js';
import { closingForm, filedNotice, filingForm } from './errands-file.js';
import { createErrandsMap } from './errands-map.js';
import { element as el } from './dom.js';

/** map, fitExtent: the map and how to fit its view; pickFacility(pixel): the facility drawn there, or null. */
export function createErrandsMode(root, { auth, onExit, map, fitExtent, pickFacility }) {
  const $ = (role) => root.querySelector(`[data-role="${role}"]`);
  const list = $('list');
  const notice = $('message');
  const overdueList = $('overdue');
  const villageForm = $('village-form');
  const villageInput = villageForm.querySelector('[name="village"]');
  let errands = [];
  let overdue = null;
  let handingOn = null; // the number whose hand-off form is open
  let closing = null; // the number whose rating form is open
  let active = false;
  let catalogue = null;
  let filing = null; // the open filing form ({form, setPlace})
  let filed = null; // the errand just filed, whose number and form are shown
  const errandsMap = createErrandsMap(map, { fitExtent });
  const newButton = el('button', { type: 'button', class: 'action-button primary', 'data-testid': 'errand-new' });
  const fileArea = el('div', { 'data-testid': 'errand-file-area' });
  const fileSection = el('section', { class: 'errand-file' }, newButton, fileArea);
  notice.after(fileSection);
  newButton.addEventListener('click', () => (filing ? closeFiling() : openFiling()));

  function say(key, vars, detail) {
    notice.textContent = key ? `${tf(key, vars)}${detail ? ` ${detail}` : ''}` : '';
    notice.hidden = !key;
  }

  function me() {
    return auth.user()?.id ?? null;
  }

  function render() {
    newButton.textContent = t(filing ? 'errands.cancel' : 'errands.file.open');
    newButton.setAttribute('aria-expanded', String(Boolean(filing)));
    if (!filing) fileArea.replaceChildren(...(filed ? [filedNotice(filed)] : []));
    const cards = errands.map((e) => {
      const card = errandCard(e, me(), { confirm, openHandOff, advance, showOnMap });
      if (handingOn === e.number) {
        card.append(handOffForm(e, (choice) => handOn(e, choice), () => {
          handingOn = null;
          render();
        }));
      }
      if (closing === e.number) {
        card.append(closingForm((rating) => close(e, rating), () => {
          closing = null;
          render();
        }));
      }
      return card;
    });
    list.replaceChildren(...cards);
    $('empty').hidden = errands.length > 0;
    overdueList.replaceChildren(...(overdue?.errands ?? []).map((o) => overdueRow(o, zoomToOverdue)));
    $('overdue-empty').hidden = !overdue || overdue.errands.length > 0;
  }

  async function loadMap() {
    root.dataset.map = 'loading';
    try {
      await errandsMap.loadErrands();
      errandsMap.highlight((overdue?.errands ?? []).map((o) => o.number));
      root.dataset.map = 'ready';
    } catch (e) {
      root.dataset.map = 'error';
      say('errands.map.failed', {}, e.message);
    }
  }

  async function openFiling() {
    try {
      catalogue ??= await getJSON('/api/errands/catalogue');
    } catch (e) {
      return say('errands.failed', {}, e.message);
    }
    filed = null;
    filing = filingForm(catalogue, { onSend: file, onCancel: closeFiling });
    fileArea.replaceChildren(filing.form);
    say(null);
    render();
    filing.form.querySelector('select')?.focus();
  }

  function closeFiling() {
    filing = null;
    render();
  }

  async function file(body) {
    root.dataset.state = 'saving';
    try {
      filed = await sendJSON('POST', '/api/errands', body);
      filing = null;
      say('errands.file.saved', { number: filed.number });
      await Promise.all([load(), loadMap()]);
    } catch (e) {
      root.dataset.state = 'ready';
      say('errands.failed', {}, e.message);
    }
  }

  function advance(errand, step) {
    if (step === 'closed') {
      closing = errand.number;
      say(null);
      render();
      list.querySelector('[data-testid=errand-rating]')?.focus();
      return null;
    }
    return act(() => sendJSON('POST', `/api/errands/${encodeURIComponent(errand.number)}/stage`, { stage: step }),
      `errands.stepped.${step}`, { number: errand.number });
  }

  function close(errand, { rating, comment }) {
    if (!rating) return say('errands.close.needRating');
    const body = { stage: 'closed', rating };
    if (comment) body.comment = comment;
    return act(() => sendJSON('POST', `/api/errands/${encodeURIComponent(errand.number)}/stage`, body),
      'errands.stepped.closed', { number: errand.number });
  }

  async function showOnMap(errand) {
    try {
      await errandsMap.showPath(errand.number);
      root.dataset.path = errand.number;
    } catch (e) {
      say('errands.failed', {}, e.message);
    }
  }

  function zoomToOverdue(o) {
    if (!errandsMap.zoomTo(o.number, o.grid?.code)) say('errands.map.notOnMap', { number: o.number });
  }

  async function load() {
    root.dataset.state = 'loading';
    try {
      errands = (await getJSON('/api/errands/mine')).errands ?? [];
      if (!villageInput.value && errands.length) villageInput.value = String(errands[0].grid?.code ?? '').slice(0, 12);
      root.dataset.state = 'ready';
    } catch (e) {
      errands = [];
      root.dataset.state = 'error';
      say('errands.loadFailed', {}, e.message);
    }
    render();
  }

  async function act(doing, doneKey, vars) {
    root.dataset.state = 'saving';
    try {
      await doing();
      handingOn = null;
      closing = null;
      say(doneKey, vars);
      await Promise.all([load(), loadMap()]);
    } catch (e) {
      root.dataset.state = 'ready';
      say('errands.failed', {}, e.message);
      render();
    }
  }

  function confirm(errand, handoff) {
    const path = `/api/errands/${encodeURIComponent(errand.number)}/handoffs/${handoff.id}/confirm`;
    return act(() => sendJSON('POST', path), 'errands.confirmed', { number: errand.number });
  }

  function openHandOff(errand) {
    handingOn = errand.number;
    say(null);
    render();
    list.querySelector('[data-testid=errand-receiver]')?.focus();
  }

  function handOn(errand, { stage, receiver, reason }) {
    if (!receiver) return say('errands.needReceiver');
    const body = { to_stage: stage, to_user: receiver };
    if (reason) body.skip_reason = reason;
    return act(() => sendJSON('POST', `/api/errands/${encodeURIComponent(errand.number)}/handoffs`, body),
      'errands.handedOn', { number: errand.number, user: receiver });
  }

  async function loadOverdue() {
    const village = villageInput.value.trim();
    if (!/^[0-9]{12}$/.test(village)) return say('errands.villageCode');
    overdueList.dataset.state = 'loading';
    try {
      [overdue] = await Promise.all([getJSON(`/api/errands/overdue?${new URLSearchParams({ village })}`),
        errandsMap.loadGrids(village)]);
      errandsMap.highlight(overdue.errands.map((o) => o.number));
      overdueList.dataset.state = 'ready';
      say(null);
    } catch (e) {
      overdue = null;
      overdueList.dataset.state = 'error';
      say('errands.failed', {}, e.message);
    }
    render();
  }

  villageForm.addEventListener('submit', (event) => {
    event.preventDefault();
    loadOverdue();
  });
  $('refresh').addEventListener('click', () => Promise.all([load(), loadMap()]));
  $('exit').addEventListener('click', () => onExit?.());
  onLanguageChange(() => {
    if (!active) return;
    render();
    errandsMap.redraw();
  });

  return {
    enter() {
      active = true;
      root.hidden = false;
      say(null);
      errandsMap.show();
      load();
      loadMap();
    },
    exit() {
      active = false;
      root.hidden = true;
      errands = [];
      overdue = null;
      handingOn = null;
      closing = null;
      filing = null;
      filed = null;
      errandsMap.hide();
      root.dataset.state = 'idle';
      root.dataset.map = 'idle';
    },
    /** A tap on a service point while filing names it as the place; a tap on an errand draws its path. */
    click(event) {
      if (filing && pickFacility) {
        const facility = pickFacility(event.pixel);
        if (facility?.get('level') === 'point') {
          filing.setPlace(facility.get('code'));
          return true;
        }
      }
      const number = map.forEachFeatureAtPixel(event.pixel, (f) => f.get('number'),
        { hitTolerance: 6, layerFilter: (l) => l.get('name') === 'errands' });
      if (number) {
        showOnMap({ number });
        return true;
      }
      return false;
    },
    reload: load,
    errands: () => errands,
    map: errandsMap,
  };
}
