import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PARTS, dictionary } from '../src/i18n/index.js';

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every key stands in one part only, in each language', () => {
  for (const lang of ['zh', 'en']) {
    const owner = new Map();
    for (const [name, part] of Object.entries(PARTS)) {
      for (const key of Object.keys(part[lang])) {
        assert.equal(owner.get(key), undefined, `${lang} ${key} in ${owner.get(key)} and ${name}`);
        owner.set(key, name);
      }
    }
    assert.equal(Object.keys(dictionary[lang]).length, owner.size);
  }
});

test('an English text has its Chinese one in the same part, with the same placeholders', () => {
  for (const [name, part] of Object.entries(PARTS)) {
    for (const [key, en] of Object.entries(part.en)) {
      assert.equal(typeof part.zh[key], 'string', `${name}: ${key} has no Chinese text`);
      assert.deepEqual(placeholders(en), placeholders(part.zh[key]), `${name}: ${key}`);
    }
  }
});
