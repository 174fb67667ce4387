import './browser-globals.js';
import test from 'node:test';
import assert from 'node:assert/strict';

const { normalizeNumber, stageKey, validDigits } = await import('../src/errand-format.js');

test('a typed number is cleaned the way the server stores it', () => {
  assert.equal(normalizeNumber(' ab12 cd34 '), 'AB12CD34');
  assert.equal(normalizeNumber(null), '');
});

test('only exactly four digits pass as the phone check', () => {
  assert.equal(validDigits('5731'), true);
  assert.equal(validDigits('573'), false);
  assert.equal(validDigits('57311'), false);
  assert.equal(validDigits('57a1'), false);
});

test('an errand in transit names where it goes, otherwise its stage', () => {
  assert.equal(stageKey({ stage: 'filed', inTransit: true, transitTo: 'grid' }), 'errand.transit.grid');
  assert.equal(stageKey({ stage: 'station', inTransit: false, transitTo: null }), 'errand.stage.station');
});

const { nextStages, relation } = await import('../src/errands-view.js');

test("a staff member's part in an errand: to confirm, holding, sending, held or supervising", () => {
  const sent = { id: 7, fromUserId: 1, toUserId: 2, confirmedAt: null };
  const inTransit = { stage: 'filed', holderUserId: 1, inTransit: true, handoffs: [sent] };
  assert.equal(relation(inTransit, 2), 'incoming');
  assert.equal(relation(inTransit, 1), 'sending');
  assert.equal(relation(inTransit, 3), 'supervising');
  const received = { stage: 'grid', holderUserId: 2, inTransit: false, handoffs: [{ ...sent, confirmedAt: '2026-11-02T02:00:00Z' }] };
  assert.equal(relation(received, 2), 'holding');
  assert.equal(relation(received, 1), 'held');
});

test('a hand-off goes upwards, as far as the department', () => {
  assert.deepEqual(nextStages({ stage: 'filed' }), ['grid', 'station', 'department']);
  assert.deepEqual(nextStages({ stage: 'station' }), ['department']);
  assert.deepEqual(nextStages({ stage: 'department' }), []);
  assert.deepEqual(nextStages({ stage: 'result_ready' }), []);
});
