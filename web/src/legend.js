// Legend entries per layer, each symbol drawn with the same styles as the map itself.

import { toContext } from 'ol/render.js';
import Point from 'ol/geom/Point.js';
import LineString from 'ol/geom/LineString.js';
import Polygon from 'ol/geom/Polygon.js';
import Style from 'ol/style/Style.js';
import Stroke from 'ol/style/Stroke.js';
import Fill from 'ol/style/Fill.js';
import { t } from './i18n.js';
import { GRADE_COLORS } from './colors.js';
import { wordIds, wordName } from './vocabulary.js';
import {
  facilitySymbol, gridLegendStyle, hazardSymbol, householdCellStyle, householdPointStyle, roadStyleFor,
} from './styles.js';
import { placeName } from './place-name.js';
import { networkSymbol } from './network-styles.js';

const W = 30;
const H = 20;

function canvas(draw) {
  const c = document.createElement('canvas');
  c.className = 'legend-symbol';
  c.setAttribute('aria-hidden', 'true');
  const ctx = c.getContext('2d');
  const vc = toContext(ctx, { size: [W, H] });
  draw(vc);
  return c;
}

const point = () => new Point([W / 2, H / 2]);
const line = () => new LineString([[2, H - 5], [W / 2, 5], [W - 2, H - 7]]);
const box = () => new Polygon([[[3, 3], [W - 3, 3], [W - 3, H - 3], [3, H - 3], [3, 3]]]);

function styled(geometry, styles) {
  return (vc) => {
    for (const style of [].concat(styles)) {
      vc.setStyle(style);
      vc.drawGeometry(geometry);
    }
  };
}

const villageSample = [
  new Style({ stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 5 }) }),
  new Style({ stroke: new Stroke({ color: '#5b3f8c', width: 2, lineDash: [6, 3] }) }),
];

/**
 * [{symbol: canvas, label}] for a layer. villages: the loaded village list ({code, name, name_en}),
 * shown as the colour key of the grids when present.
 */
export function legendEntries(layerName, villages = []) {
  switch (layerName) {
    case 'villages':
      return [{ symbol: canvas(styled(box(), villageSample)), label: t('legend.villages.boundary') }];
    case 'grids': {
      if (!villages.length) {
        return [{ symbol: canvas(styled(box(), gridLegendStyle('500107109204'))), label: t('legend.grids.fill') }];
      }
      return villages.map((v) => ({
        symbol: canvas(styled(box(), gridLegendStyle(v.code))),
        label: placeName(v),
      }));
    }
    case 'roads':
      return ['main', 'village', 'path', 'stairs'].map((c) => ({
        symbol: canvas(styled(line(), roadStyleFor(c, 15))),
        label: t(`class.${c}`),
      }));
    case 'facilities':
      return ['center', 'station', 'grid', 'point'].map((level) => ({
        symbol: canvas(styled(point(), new Style({ image: facilitySymbol(level, level === 'center' ? 0.8 : 1) }))),
        label: t(`level.${level}`),
      }));
    case 'households':
      return [
        { symbol: canvas(styled(point(), householdCellStyle(36))), label: t('legend.households.density') },
        { symbol: canvas(styled(point(), householdPointStyle(4))), label: t('legend.households.point') },
      ];
    case 'hazards': {
      // the types and grades the server defines (GET /api/vocabulary), named in the reader's language
      const entries = wordIds('hazardTypes').map((type) => ({
        symbol: canvas(styled(point(), new Style({ image: hazardSymbol(type, 'medium', 19) }))),
        label: wordName('hazardTypes', type) ?? t(`type.${type}`),
      }));
      for (const grade of wordIds('hazardGrades').filter((g) => GRADE_COLORS[g])) {
        entries.push({
          symbol: canvas(styled(box(), new Style({
            fill: new Fill({ color: GRADE_COLORS[grade] }),
            stroke: new Stroke({ color: '#1b1b1b', width: 1 }),
          }))),
          label: wordName('hazardGrades', grade) ?? t(`grade.${grade}`),
          group: 'grade',
        });
      }
      return entries;
    }
    case 'party-posts':
    case 'volunteers':
    case 'firms':
      return [{ symbol: canvas(styled(point(), new Style({ image: networkSymbol(layerName) }))), label: t(`legend.${layerName}`) }];
    default:
      return [];
  }
}
