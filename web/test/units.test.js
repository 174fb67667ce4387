import './browser-globals.js';
import test from 'node:test';
import assert from 'node:assert/strict';

const { formatDistance, formatDuration, formatLimit, formatShare, formatArea } = await import('../src/units.js');

test('a travel time reads in minutes and seconds, hours from an hour on', () => {
  assert.equal(formatDuration(45), '45 秒');
  assert.equal(formatDuration(252), '4 分 12 秒');
  assert.equal(formatDuration(3900), '1 小时 5 分');
  assert.equal(formatDuration(7200), '2 小时');
});

test('an unreachable time says so instead of a number', () => {
  assert.equal(formatDuration(null), formatDuration(Infinity));
  assert.doesNotMatch(formatDuration(null), /\d/);
});

test('distances switch to kilometres at 1 km', () => {
  assert.equal(formatDistance(548.4), '548 米');
  assert.equal(formatDistance(1234), '1.23 千米');
  assert.equal(formatDistance(12345), '12.3 千米');
  assert.equal(formatDistance('x'), '–');
});

test('a promise is said in minutes, a share as a percentage with one decimal', () => {
  assert.equal(formatLimit(300), '5 分钟');
  assert.equal(formatShare(0.9215), '92.2%');
  assert.equal(formatShare(null), '–');
  assert.equal(formatArea(0.05), '50,000 平方米');
});
