import { test } from 'node:test';
import assert from 'node:assert/strict';
import './browser-globals.js';

const { volunteersUrl } = await import('../src/volunteer-finder.js');

test('the question names the place to 7 decimals, the skill and k', () => {
  assert.equal(volunteersUrl([106.123456789, 29.5], 'medical_check'),
    '/api/volunteers/nearest?lon=106.1234568&lat=29.5000000&skill=medical_check&k=3');
  assert.equal(volunteersUrl([106, 29], 'a&b', 5), '/api/volunteers/nearest?lon=106.0000000&lat=29.0000000&skill=a%26b&k=5');
});
