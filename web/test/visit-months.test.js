import { test } from 'node:test';
import assert from 'node:assert/strict';
import { monthsUpTo, percent } from '../src/visit-months.js';

test('twelve months up to the one given, across a year end', () => {
  const m = monthsUpTo('2026-02');
  assert.equal(m.length, 12);
  assert.equal(m[0], '2025-03');
  assert.equal(m[10], '2026-01');
  assert.equal(m[11], '2026-02');
});

test('shares as percentages with one decimal, a dash for no households', () => {
  assert.equal(percent(2, 3), '66.7%');
  assert.equal(percent(0, 5), '0%');
  assert.equal(percent(0, 0), '—');
});
