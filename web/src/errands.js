// Errands mode ("代办"), for staff: the errands they hold, held or supervise (GET /api/errands/mine) with the
// one step each allows — confirm receipt of one handed to them, hand one on to the next level (the receiver then
// confirms: every hand-off is signed by both sides), open the printable four-part form — and, per village, the
// errands past their deadline (GET /api/errands/overdue), which the level above must see.

import './errands.css';
import { getJSON, sendJSON } from './api.js';
import { onLanguageChange, tf } from './i18n.js';
import { errandCard, handOffForm, overdueRow } from './errands-view.js';

export function createErrandsMode(root, { auth, onExit }) {
  const $ = (role) => root.querySelector(`[data-role="${role}"]`);
  const list = $('list');
  const notice = $('message');
  const overdueList = $('overdue');
  const villageForm = $('village-form');
  const villageInput = villageForm.querySelector('[name="village"]');
  let errands = [];
  let overdue = null;
  let handingOn = null; // the number whose hand-off form is open
  let active = false;

  function say(key, vars, detail) {
    notice.textContent = key ? `${tf(key, vars)}${detail ? ` ${detail}` : ''}` : '';
    notice.hidden = !key;
  }

  function me() {
    return auth.user()?.id ?? null;
  }

  function render() {
    const cards = errands.map((e) => {
      const card = errandCard(e, me(), { confirm, openHandOff });
      if (handingOn === e.number) {
        card.append(handOffForm(e, (choice) => handOn(e, choice), () => {
          handingOn = null;
          render();
        }));
      }
      return card;
    });
    list.replaceChildren(...cards);
    $('empty').hidden = errands.length > 0;
    overdueList.replaceChildren(...(overdue?.errands ?? []).map(overdueRow));
    $('overdue-empty').hidden = !overdue || overdue.errands.length > 0;
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
      say(doneKey, vars);
      await load();
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
      overdue = await getJSON(`/api/errands/overdue?${new URLSearchParams({ village })}`);
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
  $('refresh').addEventListener('click', () => load());
  $('exit').addEventListener('click', () => onExit?.());
  onLanguageChange(() => active && render());

  return {
    enter() {
      active = true;
      root.hidden = false;
      say(null);
      load();
    },
    exit() {
      active = false;
      root.hidden = true;
      errands = [];
      overdue = null;
      handingOn = null;
      root.dataset.state = 'idle';
    },
    click() {
      return false;
    },
    reload: load,
    errands: () => errands,
  };
}
