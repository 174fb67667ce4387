import './browser-globals.js';
import test from 'node:test';
import assert from 'node:assert/strict';

// setLanguage writes the page's lang and title: a bare page stands in
globalThis.document ??= { documentElement: {}, title: '', querySelectorAll: () => [] };

const { placeName } = await import('../src/place-name.js');
const { setLanguage } = await import('../src/i18n.js');

test('one name for a place, whichever shape carries it', () => {
  setLanguage('en');
  assert.equal(placeName({ name: '白果村', name_en: 'Baiguo Village' }), 'Baiguo Village');
  assert.equal(placeName({ name: '白果村', nameEn: 'Baiguo Village' }), 'Baiguo Village');
  assert.equal(placeName({ name: '白果村' }), '白果村');
  assert.equal(placeName({ code: 'V01' }), 'V01');
  setLanguage('zh');
  assert.equal(placeName({ name: '白果村', nameEn: 'Baiguo Village' }), '白果村');
  assert.equal(placeName(null), '');
});
