import './browser-globals.js';
import test from 'node:test';
import assert from 'node:assert/strict';

const { fieldLabel, formatValue, propertyRows } = await import('../src/format.js');

test('codes are translated, not shown raw', () => {
  assert.equal(formatValue('type', 'landslide'), '滑坡');
  assert.equal(formatValue('blocks_roads', true), '是');
});

test('lengths and areas carry their unit, switching to the larger one', () => {
  assert.equal(formatValue('radius_m', 250), '250 米');
  assert.equal(formatValue('length_m', 1500), '1.5 千米');
  assert.equal(formatValue('area_m2', 2500000), '2.5 平方千米');
});

test('empty values are left out', () => {
  assert.equal(formatValue('name', ''), null);
  assert.equal(formatValue('name', null), null);
  const rows = propertyRows({ description: '', name: 'the title', layer: 'grids', households: 12, code: '500107' });
  assert.deepEqual(rows.map((r) => r.key), ['code', 'households']);
});

test('a village code given twice is shown once', () => {
  const rows = propertyRows({ village: '500107109', village_code: '500107109' });
  assert.deepEqual(rows.map((r) => r.key), ['village_code']);
});

test('an unknown field is labelled by its words', () => {
  assert.equal(fieldLabel('some_new_field'), 'some new field');
});
