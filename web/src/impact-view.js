// What an edit does, as the server computes it (the answer of every edit, dry run or saved): households that
// change grid, facilities re-assigned, each ring's compliance before → after, and the area of every grid.

import { warningText } from './server-text.js';
import { element } from './dom.js';
import { t, tf } from './i18n.js';
import { ringName } from './rings.js';
import { formatNumber, formatShare } from './units.js';
import { placeName } from './place-name.js';

function area(m2) {
  return `${formatNumber(Math.round(Number(m2) || 0))} ${t('unit.m2')}`;
}

function signed(n, unitKey = null) {
  const v = Math.round(Number(n) || 0);
  const text = `${v > 0 ? '+' : v < 0 ? '−' : '±'}${formatNumber(Math.abs(v))}`;
  return unitKey ? `${text} ${t(unitKey)}` : text;
}

function figure(value, labelKey, testid) {
  return element('p', { class: 'impact-figure', 'data-testid': testid },
    element('strong', { text: formatNumber(value) }),
    element('span', { text: t(labelKey) }));
}

function gridRows(grids) {
  const shown = grids.filter((g) => g.status !== 'unchanged');
  const rows = shown.map((g) => {
    const delta = (Number(g.areaAfterM2) || 0) - (Number(g.areaBeforeM2) || 0);
    return element('tr', { 'data-testid': 'impact-grid', 'data-status': g.status, 'data-code': g.code ?? '', 'data-id': g.id },
      element('td', {},
        element('span', { class: 'code', text: g.code ?? '' }),
        element('span', { class: 'sub', text: g.name ?? '' })),
      element('td', { class: `grid-status ${g.status}`, text: t(`impact.status.${g.status}`) }),
      element('td', { class: 'num area' }, ...(g.status === 'created' ? [area(g.areaAfterM2)]
        : g.status === 'removed' ? [area(g.areaBeforeM2)] : [`${area(g.areaBeforeM2)} →`, area(g.areaAfterM2)])
        .map((text) => element('span', { class: 'line', text }))),
      element('td', { class: `num delta ${delta > 0 ? 'up' : delta < 0 ? 'down' : ''}`, text: signed(delta) }));
  });
  const unchanged = grids.length - shown.length;
  return element('section', { class: 'answer-section' },
    element('h3', { text: t('impact.grids') }),
    element('table', { class: 'impact-table', 'data-testid': 'impact-grids' },
      element('thead', {}, element('tr', {},
        element('th', { scope: 'col', text: t('impact.col.grid') }),
        element('th', { scope: 'col', text: t('impact.col.status') }),
        element('th', { scope: 'col', class: 'num', text: t('impact.col.area') }),
        element('th', { scope: 'col', class: 'num', text: t('impact.col.delta') }))),
      element('tbody', {}, rows)),
    unchanged > 0 ? element('p', { class: 'hint', text: tf('impact.unchanged', { n: unchanged }) }) : null);
}

// Households have no name: they are told by where they are, grouped by the grids they leave and join
// ("白果村 · 三组 → 四组 · 12 户"), the village and grid names coming with the server's answer.
function householdGroups(list, gridOf) {
  const groups = new Map();
  for (const h of list) {
    const key = `${h.fromGrid}>${h.toGrid}`;
    if (!groups.has(key)) {
      const from = gridOf(h.fromGrid);
      groups.set(key, { village: placeName({ name: h.village, nameEn: h.villageEn }), fromName: from?.name ?? '',
        fromCode: from?.code ?? '—', toName: h.toName ?? gridOf(h.toGrid)?.name ?? '', toCode: h.toCode ?? gridOf(h.toGrid)?.code ?? '—', n: 0 });
    }
    groups.get(key).n++;
  }
  return [...groups.values()];
}

function households(impact, gridOf) {
  const changed = Number(impact.households?.changed ?? 0);
  const list = impact.households?.list ?? [];
  const body = [];
  if (!changed) body.push(element('p', { class: 'muted', text: t('impact.households.none') }));
  else {
    const groups = householdGroups(list, gridOf);
    const items = groups.slice(0, 8).map((g) => element('li', { 'data-testid': 'impact-household' },
      element('span', { text: `${g.village ? `${g.village} · ` : ''}${g.fromName || g.fromCode} → ${g.toName || g.toCode}` }),
      element('span', { class: 'meta', text: `${g.fromCode} → ${g.toCode} · ${tf('impact.household.count', { n: formatNumber(g.n) })}` })));
    body.push(element('ul', { class: 'impact-list' }, items));
    const listed = groups.slice(0, 8).reduce((sum, g) => sum + g.n, 0);
    if (changed > listed) body.push(element('p', { class: 'hint', text: tf('impact.more', { n: formatNumber(changed - listed) }) }));
  }
  return element('section', { class: 'answer-section', 'data-testid': 'impact-households', 'data-count': changed },
    element('h3', { text: tf('impact.households', { n: formatNumber(changed) }) }), ...body);
}

function facilities(list) {
  if (!list?.length) return null;
  const items = list.map((f) => {
    const from = f.before?.gridCode ?? '—';
    const to = f.after?.gridCode ?? '—';
    const moved = f.before && f.after && (f.before.lon !== f.after.lon || f.before.lat !== f.after.lat);
    const level = f.after?.level ?? f.before?.level;
    return element('li', { 'data-testid': 'impact-facility', 'data-id': f.id },
      element('span', { text: `${f.name ?? f.code ?? f.id}${level ? ` · ${t(`level.${level}`)}` : ''}` }),
      element('span', { class: 'meta', text: from === to ? (moved ? t('impact.facility.moved') : from) : `${from} → ${to}` }));
  });
  return element('section', { class: 'answer-section' },
    element('h3', { text: tf('impact.facilities', { n: list.length }) }),
    element('ul', { class: 'impact-list' }, items));
}

/** The towns an edit's compliance covers ("of" from the answer), or null when it is the whole city's. */
function complianceTowns(of) {
  if (of?.scope !== 'towns' || !of.towns?.length) return null;
  return of.towns.map((town) => placeName(town)).join(t('impact.complianceTownsJoin'));
}

function compliance(rows, of) {
  if (!rows?.length) return null;
  const items = rows.map((r) => {
    const change = Number(r.withinChange ?? 0);
    // a ring changed when its origins did too (a merge removes a hub: 117 → 116), even with as many within
    const origins = Number(r.after?.origins ?? 0) - Number(r.before?.origins ?? 0);
    const share = Number(r.after?.share ?? 0) - Number(r.before?.share ?? 0);
    const direction = share > 0 || (share === 0 && change > 0) ? 1 : share < 0 || (share === 0 && change < 0) ? -1 : 0;
    const same = change === 0 && origins === 0;
    const mark = same ? '＝' : direction > 0 ? '▲' : direction < 0 ? '▼' : '≠';
    const text = [mark, change ? signed(change) : null, origins ? tf('impact.originsChange', { n: signed(origins) }) : null];
    return element('li', { class: `impact-ring ${same ? 'same' : direction > 0 ? 'up' : direction < 0 ? 'down' : 'changed'}`,
      'data-testid': 'impact-ring', 'data-ring': r.ring, 'data-change': change },
    element('strong', { class: 'ring-name', text: ringName(r.ring) }),
    element('span', { class: 'shares', text: `${formatShare(r.before?.share)} → ${formatShare(r.after?.share)}` }),
    element('span', { class: 'change',
      'aria-label': t(same ? 'impact.same' : direction > 0 ? 'impact.better' : direction < 0 ? 'impact.worse' : 'impact.changed'),
      text: text.filter(Boolean).join(' ') }),
    element('span', { class: 'meta', text: tf('impact.within', {
      before: formatNumber(r.before?.within ?? 0), after: formatNumber(r.after?.within ?? 0), origins: formatNumber(r.after?.origins ?? 0) }) }));
  });
  const towns = complianceTowns(of);
  return element('section', { class: 'answer-section' },
    element('h3', { 'data-testid': 'impact-compliance-head',
      text: towns ? tf('impact.complianceOfTowns', { towns }) : t('impact.compliance') }),
    element('ul', { class: 'impact-rings', 'data-testid': 'impact-rings' }, items));
}

function staff(list) {
  if (!list?.length) return null;
  return element('section', { class: 'answer-section' },
    element('h3', { text: tf('impact.staff', { n: list.length }) }),
    element('ul', { class: 'impact-list' }, list.map((s) => {
      const who = s.before ?? s.restored ?? s.after ?? {};
      const what = s.restored ? t('impact.staff.restored') : s.after === null ? t('impact.staff.removed') : t('impact.staff.moved');
      return element('li', {}, element('span', { text: `${who.name ?? s.id}` }), element('span', { class: 'meta', text: what }));
    })));
}

function warnings(list) {
  if (!list?.length) return null;
  return element('section', { class: 'answer-section' },
    element('h3', { text: t('impact.warnings') }),
    element('ul', { class: 'impact-list warnings', 'data-testid': 'impact-warnings' },
      list.map((w) => element('li', { text: warningText(w) }))));
}

/** The impact panel's content for an edit answer. */
export function renderImpact(impact) {
  const grids = impact.grids ?? [];
  const byId = new Map(grids.map((g) => [g.id, g]));
  const gridOf = (id) => byId.get(id) ?? null;
  const changedGrids = grids.filter((g) => g.status !== 'unchanged').length;
  const head = impact.dryRun
    ? element('p', { class: 'impact-head dry', text: tf('impact.head.dry', { kind: t(`impact.kind.${impact.kind}`) }) })
    : element('p', { class: 'impact-head saved', text: tf('impact.head.saved', { kind: t(`impact.kind.${impact.kind}`), id: impact.editId ?? '' }) });
  return [
    head,
    element('div', { class: 'impact-figures' },
      figure(changedGrids, 'impact.fig.grids', 'impact-grid-count'),
      figure(impact.households?.changed ?? 0, 'impact.fig.households', 'impact-household-count'),
      figure(impact.facilities?.length ?? 0, 'impact.fig.facilities', 'impact-facility-count')),
    compliance(impact.compliance, impact.complianceOf),
    households(impact, gridOf),
    gridRows(grids),
    facilities(impact.facilities),
    staff(impact.staff),
    warnings(impact.warnings),
  ].filter(Boolean);
}
