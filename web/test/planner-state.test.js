import './browser-globals.js';
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  bboxOf, codesIn, createPlannerState, formatOf, hasUnsaved, historyKey, operation, staleIds, staleOf, toolAllowed,
} from '../src/planner-state.js';

test('nothing changed: no operation, nothing unsaved, every tool allowed once a village is loaded', () => {
  const s = createPlannerState();
  assert.equal(operation(s), null);
  assert.equal(hasUnsaved(s), false);
  assert.equal(toolAllowed(s, 'split'), false, 'no village yet');
  s.village = { code: '500107109' };
  for (const tool of ['edit', 'split', 'merge', 'move']) assert.equal(toolAllowed(s, tool), true, tool);
});

test('moved vertices form an edit set, and lock split and merge until saved or dropped', () => {
  const s = createPlannerState();
  s.village = { code: '500107109' };
  s.look.changed.add(7);
  s.look.moved.add(3);
  assert.deepEqual(operation(s), { kind: 'edits', changed: [7], moved: [3] });
  assert.equal(hasUnsaved(s), true);
  assert.equal(toolAllowed(s, 'split'), false);
  assert.equal(toolAllowed(s, 'merge'), false);
  assert.equal(toolAllowed(s, 'edit'), true);
});

test('merging needs two grids; a drawn split line is the operation and is unsaved work', () => {
  const s = createPlannerState();
  s.tool = 'merge';
  s.selection = [4];
  assert.equal(operation(s), null);
  s.selection = [4, 9];
  assert.deepEqual(operation(s), { kind: 'merge', ids: [4, 9] });
  s.selection.push(11);
  assert.deepEqual(operation(s).ids, [4, 9, 11]);
  const line = { type: 'LineString', coordinates: [[0, 0], [1, 1]] };
  s.split = { gridId: 4, line };
  assert.deepEqual(operation(s), { kind: 'split', gridId: 4, line });
  assert.equal(hasUnsaved(s), true);
});

test('the history shown follows the scope and the selected grid', () => {
  const s = createPlannerState();
  assert.equal(historyKey(s), null);
  s.selection = [42];
  assert.equal(historyKey(s), 'grid:42');
  s.historyScope = 'town';
  assert.equal(historyKey(s), 'town');
});

test('import formats by extension, case-insensitive', () => {
  assert.equal(formatOf('Village.GeoJSON'), 'geojson');
  assert.equal(formatOf('edited.zip'), 'shp');
  assert.equal(formatOf('grids.gpkg'), 'gpkg');
  assert.equal(formatOf('notes.txt'), null);
  assert.equal(formatOf(undefined), null);
});

test('grid codes are read out of a problem text', () => {
  assert.deepEqual(codesIn('grid 500107109204003 and grid 500107109204004 overlap'), ['500107109204003', '500107109204004']);
  assert.deepEqual(codesIn(null), []);
});

test('the bounding box covers every position of nested coordinates', () => {
  const features = [
    { geometry: { type: 'Polygon', coordinates: [[[106.1, 29.5], [106.3, 29.4], [106.2, 29.7], [106.1, 29.5]]] } },
    { geometry: { type: 'Point', coordinates: [106.05, 29.6] } },
    { geometry: null },
  ];
  assert.deepEqual(bboxOf(features), [106.05, 29.4, 106.3, 29.7]);
});

test('a 409 is read in the unified stale shape and in the older ones', () => {
  const unified = { error: 'version_conflict', stale: [
    { type: 'grid', id: 5, code: '500107109204003', version: 4, yourVersion: 3 },
    { type: 'facility', id: 9, code: 'F1', version: 2, yourVersion: 1 },
  ] };
  assert.deepEqual(staleIds({ stale: staleOf(unified) }), [5]);
  const gridsBefore = { error: 'conflict', current: [{ id: 5, version: 4 }, { id: 6, version: 2 }] };
  assert.deepEqual(staleIds({ stale: staleOf(gridsBefore) }), [5, 6]);
  const hazardBefore = { error: 'version_conflict', currentVersion: 7, current: { id: 12, code: 'H0012' } };
  assert.deepEqual(staleOf(hazardBefore), [{ type: 'hazard', id: 12, code: 'H0012', version: 7 }]);
  assert.deepEqual(staleOf({ error: 'version_conflict' }), []);
  assert.deepEqual(staleOf(null), []);
});
