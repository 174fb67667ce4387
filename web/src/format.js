// Turns feature properties into labelled, translated rows for the side panel.

import { has, language, t } from './i18n.js';
import { wordName } from './vocabulary.js';
import { placeName } from './place-name.js';

/** Properties shown first, in this order; the rest follow in the server's order. */
const ORDER = [
  'code', 'kind', 'level', 'class', 'type', 'grade', 'status', 'radius_m', 'blocks_roads',
  'town_name', 'town', 'village_name', 'village_code', 'village', 'grid_name', 'grid_code', 'grid',
  'households', 'count', 'members', 'population', 'area_km2', 'area_m2', 'length_m', 'walk_kmh', 'oneway',
  'description', 'staff', 'name_en', 'id', 'updated_at', 'created_at', 'version',
];
/** Never shown: carried for the map, or shown as the panel's title. */
const HIDDEN = new Set(['layer', 'name', 'geometry', 'bbox', 'links', 'town_id', 'village_id', 'grid_id', 'version',
  'source', 'target']);
const ENUMS = new Set(['kind', 'level', 'class', 'type', 'grade', 'status', 'role']);

function locale() {
  return language() === 'zh' ? 'zh-CN' : 'en';
}

function number(value, digits = 0) {
  return Number(value).toLocaleString(locale(), { maximumFractionDigits: digits });
}

function unit(value, key) {
  return `${value} ${t(key)}`;
}

export function fieldLabel(key) {
  return has(`field.${key}`) ? t(`field.${key}`) : key.replace(/_/g, ' ');
}

/** A value as a person reads it: translated codes, units, local number and date formats. */
export function formatValue(key, value) {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return t(`bool.${value}`);
  // staff roles are named by the server's vocabulary (the dictionary only until it arrived)
  if (key === 'role') return wordName('staffRoles', value) ?? (has(`role.${value}`) ? t(`role.${value}`) : String(value));
  if (ENUMS.has(key) && has(`${key}.${value}`)) return t(`${key}.${value}`);
  switch (key) {
    case 'radius_m':
    case 'length_m':
      return Number(value) >= 1000 ? unit(number(Number(value) / 1000, 2), 'unit.km') : unit(number(value), 'unit.m');
    case 'area_m2':
      return Number(value) >= 100000 ? unit(number(Number(value) / 1e6, 3), 'unit.km2') : unit(number(value), 'unit.m2');
    case 'area_km2':
      return unit(number(value, 3), 'unit.km2');
    case 'walk_kmh':
      return unit(number(value, 1), 'unit.kmh');
    case 'members':
    case 'population':
      return unit(number(value), 'unit.people');
    case 'households':
    case 'count':
      return unit(number(value), 'unit.households');
    case 'created_at':
    case 'updated_at': {
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString(locale());
    }
    default:
      break;
  }
  if (typeof value === 'number') return number(value, 6);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The rows of the panel: [{key, label, value}] or, for a list of people, {key, label, people}. */
export function propertyRows(properties) {
  const keys = Object.keys(properties ?? {}).filter((k) => !HIDDEN.has(k));
  keys.sort((a, b) => {
    const ia = ORDER.indexOf(a);
    const ib = ORDER.indexOf(b);
    return (ia < 0 ? ORDER.length : ia) - (ib < 0 ? ORDER.length : ib);
  });
  const rows = [];
  for (const key of keys) {
    const value = properties[key];
    // "village" and "village_code" may both carry the village's code: show it once
    if (properties[`${key}_code`] !== undefined && properties[`${key}_code`] === value) continue;
    if (Array.isArray(value) && value.every((v) => v && typeof v === 'object')) {
      if (value.length) rows.push({ key, label: fieldLabel(key), people: value.map(person) });
      continue;
    }
    const text = formatValue(key, value);
    if (text !== null) rows.push({ key, label: fieldLabel(key), value: text });
  }
  return rows;
}

function person(entry) {
  return {
    role: entry.role ? formatValue('role', entry.role) : '',
    name: entry.name ?? '',
    phone: entry.phone ?? '',
    duties: entry.duties ?? '',
  };
}

/** The panel's title for a feature: its local name, else its code, else the collection and id. */
export function titleOf(collection, properties, id) {
  const p = properties ?? {};
  const name = placeName({ name: p.name, name_en: p.name_en });
  if (name) return name;
  if (p.code) return p.code;
  return `${t(`collection.${collection}`)} ${id ?? ''}`.trim();
}
