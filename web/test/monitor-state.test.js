import './browser-globals.js';
import test from 'node:test';
import assert from 'node:assert/strict';
import { isOpenStatus, parseRadius, visibleHazards } from '../src/monitor-state.js';

test('the radius field: a number, or null when empty or not a number', () => {
  assert.equal(parseRadius('120'), 120);
  assert.equal(parseRadius(' 0 '), 0);
  assert.equal(parseRadius(''), null);
  assert.equal(parseRadius('  '), null);
  assert.equal(parseRadius('abc'), null);
  assert.equal(parseRadius('-5'), -5, 'a negative radius is a number; the form says it is out of range');
});

test('open hazards are those not yet resolved or closed', () => {
  assert.deepEqual(['reported', 'verified', 'monitoring', 'resolved', 'closed'].map(isOpenStatus), [true, true, true, false, false]);
});

test('the list: open hazards first, then by code; "mine" keeps only those in the monitor\'s grids', () => {
  const hazards = [
    { code: 'H3', status: 'closed' }, { code: 'H2', status: 'monitoring' }, { code: 'H1', status: 'resolved' },
    { code: 'H4', status: 'reported' },
  ];
  assert.deepEqual(visibleHazards(hazards, { scope: 'all' }).map((h) => h.code), ['H2', 'H4', 'H1', 'H3']);
  const mine = { hazards: [{ code: 'H3' }, { code: 'H4' }] };
  assert.deepEqual(visibleHazards(hazards, { scope: 'mine', mine }).map((h) => h.code), ['H4', 'H3']);
  assert.deepEqual(visibleHazards(hazards, { scope: 'mine', mine: null }), []);
  assert.equal(hazards[0].code, 'H3', 'the layer\'s own list is not reordered');
});
