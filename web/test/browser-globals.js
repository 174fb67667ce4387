// What the modules read from the browser at load time, for running them under Node: the page's address (its
// ?lang= picks the language) and no stored settings. Import this before the module under test.
const lang = process.env.GRIDMAP_TEST_LANG ?? 'zh';
globalThis.location = new URL(`http://localhost/?lang=${lang}`);
globalThis.window = globalThis;
globalThis.matchMedia = () => ({ matches: false, addEventListener() {} });
