import './browser-globals.js';
import test from 'node:test';
import assert from 'node:assert/strict';

const { normalizeNumber, stageKey, telLink, validDigits } = await import('../src/errand-format.js');

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

test('a card phone becomes a tel: link of its digits', () => {
  assert.equal(telLink('100-0000-0001'), 'tel:10000000001');
  assert.equal(telLink(''), null);
});
