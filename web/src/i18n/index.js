// The dictionary of the viewer, joined from its parts: one per mode or panel, each with both languages, so a
// change to one mode's words touches one file. A key belongs to exactly one part (test/i18n.test.js).
import coverage from './coverage.js';
import errands from './errands.js';
import features from './features.js';
import map from './map.js';
import monitor from './monitor.js';
import planner from './planner.js';
import station from './station.js';
import villager from './villager.js';
import visits from './visits.js';

export const PARTS = Object.freeze({ map, features, villager, coverage, planner, monitor, errands, visits, station });

function join(lang) {
  return Object.assign({}, ...Object.values(PARTS).map((part) => part[lang]));
}

export const dictionary = Object.freeze({ zh: join('zh'), en: join('en') });
