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

const { filingBody, nextStep } = await import('../src/errand-format.js');

test('the filing form becomes the body the server takes: the point or, by phone, the grid', () => {
  assert.deepEqual(filingBody({ item: 'pension_claim', channel: 'point', place: ' 500107109204001P1 ', name: ' 王芳 ',
    phone: '100-0000-0001', household: '', note: '', urgent: false, reason: 'ignored' }),
  { item: 'pension_claim', channel: 'point', point: '500107109204001P1', resident: { name: '王芳', phone: '100-0000-0001' } });
  assert.deepEqual(filingBody({ item: 'x', channel: 'phone', place: '500107109204001', name: 'a', phone: '1', household: '42',
    note: ' 腿脚不便 ', urgent: true, reason: ' 病重 ' }),
  { item: 'x', channel: 'phone', grid: '500107109204001', resident: { name: 'a', phone: '1', household_id: 42 },
    note: '腿脚不便', urgent: true, urgent_reason: '病重' });
});

test('after the department: result ready, then returned, then closed; nothing while in transit', () => {
  assert.equal(nextStep({ stage: 'department', inTransit: false }), 'result_ready');
  assert.equal(nextStep({ stage: 'result_ready', inTransit: false }), 'returned');
  assert.equal(nextStep({ stage: 'returned', inTransit: false }), 'closed');
  assert.equal(nextStep({ stage: 'closed', inTransit: false }), null);
  assert.equal(nextStep({ stage: 'grid', inTransit: false }), null);
  assert.equal(nextStep({ stage: 'department', inTransit: true }), null);
});
