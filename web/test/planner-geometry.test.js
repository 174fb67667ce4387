import './browser-globals.js';
import test from 'node:test';
import assert from 'node:assert/strict';
import { createCoordinateBook, sameAs, snapshot, verticesOf } from '../src/planner-geometry.js';

const square = { type: 'Polygon', coordinates: [[[106.1234567, 29.4], [106.2, 29.4], [106.2, 29.5], [106.1234567, 29.4]]] };

test('an unmoved vertex goes back bit for bit as it came', () => {
  const book = createCoordinateBook();
  const geometry = book.read(square);
  assert.deepEqual(book.write(geometry), square);
});

test('a moved vertex is put on the 1e-7 degree lattice', () => {
  const book = createCoordinateBook();
  const geometry = book.read(square);
  const rings = geometry.getCoordinates();
  rings[0][1] = [rings[0][1][0] + 3.3, rings[0][1][1] + 7.7];
  geometry.setCoordinates(rings);
  const [lon, lat] = book.write(geometry).coordinates[0][1];
  assert.equal(Math.round(lon * 1e7) / 1e7, lon);
  assert.equal(Math.round(lat * 1e7) / 1e7, lat);
  assert.ok(Math.abs(lon - 106.2) > 1e-6 && Math.abs(lon - 106.2) < 1e-4, `moved a few metres: ${lon}`);
});

test('a snapshot tells whether the shape changed', () => {
  const book = createCoordinateBook();
  const geometry = book.read(square);
  const before = snapshot(geometry);
  assert.equal(sameAs(geometry, before), true);
  geometry.translate(1, 0);
  assert.equal(sameAs(geometry, before), false);
  assert.equal(verticesOf(geometry).length, 4);
});

test('an unsupported geometry is refused', () => {
  assert.throws(() => createCoordinateBook().read({ type: 'GeometryCollection', geometries: [] }), /unsupported/);
});
