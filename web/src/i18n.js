// Every string the viewer shows, in Chinese (first) and English, and the language switch.
// Elements carry data-i18n="key" (text), data-i18n-title / data-i18n-aria-label / data-i18n-placeholder
// (attributes); applyTranslations() fills them, and modules that build text themselves listen with onLanguageChange.

const dictionary = {
  zh: {
    'app.title': '网格地图',
    'app.subtitle': '网格化社会服务管理',
    'lang.switch': 'English',
    'lang.switch.label': '切换到英文界面',
    'search.placeholder': '搜索网格编码、名称…',
    'search.label': '搜索网格、村社区、服务点',
    'search.none': '没有找到匹配的结果',
    'search.error': '搜索暂时不可用',
    'search.clear': '清除搜索',
    'layers.button': '图层',
    'layers.button.label': '打开或关闭图层与图例',
    'layers.title': '图层与图例',
    'layers.close': '关闭图层面板',
    'layers.online': '在线底图',
    'layers.online.none': '无（离线）',
    'layers.online.osm': 'OpenStreetMap',
    'layers.online.tianditu': '天地图矢量',
    'layers.online.tianditu.missing': '天地图（未配置密钥）',
    'layers.online.note': '仅在选择后才会访问互联网',
    'layer.villages': '村（社区）',
    'layer.grids': '网格',
    'layer.roads': '道路',
    'layer.facilities': '服务设施',
    'layer.households': '住户',
    'layer.hazards': '地质灾害隐患点',
    'legend.villages.boundary': '村（社区）界',
    'legend.grids.fill': '网格（按所属村着色）',
    'legend.households.density': '住户密度（缩小时）',
    'legend.households.point': '住户（放大后）',
    'legend.hazards.grade': '颜色表示险情等级',
    'panel.title': '要素详情',
    'panel.close': '关闭详情',
    'panel.loading': '正在加载…',
    'panel.error': '无法加载完整属性，显示的是地图上的属性',
    'panel.zoomTo': '缩放至此',
    'panel.aggregate': '住户聚合单元',
    'coords.label': '光标坐标',
    'coords.none': '经度, 纬度',
    'zoom.in': '放大',
    'zoom.out': '缩小',
    'status.loading': '正在加载地图…',
    'status.tilesFailed': '部分地图瓦片加载失败',
    'status.townFailed': '无法读取镇域范围',

    'collection.towns': '镇（街道）',
    'collection.villages': '村（社区）',
    'collection.grids': '网格',
    'collection.service-points': '服务设施',
    'collection.roads': '道路',
    'collection.households': '住户',
    'collection.hazards': '地质灾害隐患点',

    'field.id': '编号',
    'field.code': '编码',
    'field.name': '名称',
    'field.name_en': '英文名称',
    'field.kind': '类型',
    'field.level': '级别',
    'field.class': '道路等级',
    'field.type': '灾害类型',
    'field.grade': '险情等级',
    'field.status': '状态',
    'field.radius_m': '威胁半径',
    'field.blocks_roads': '阻断道路',
    'field.description': '说明',
    'field.members': '人口数',
    'field.count': '户数',
    'field.oneway': '单行',
    'field.walk_kmh': '步行速度',
    'field.length_m': '长度',
    'field.area_m2': '面积',
    'field.area_km2': '面积',
    'field.households': '住户数',
    'field.population': '人口',
    'field.town_id': '所属镇编号',
    'field.town_code': '所属镇编码',
    'field.town_name': '所属镇',
    'field.village_id': '所属村编号',
    'field.village_code': '所属村编码',
    'field.village_name': '所属村（社区）',
    'field.grid_id': '所属网格编号',
    'field.grid_code': '所属网格编码',
    'field.grid_name': '所属网格',
    'field.town': '所属镇编码',
    'field.village': '所属村编码',
    'field.grid': '所属网格编码',
    'field.version': '版本',
    'field.created_at': '创建时间',
    'field.updated_at': '更新时间',
    'field.staff': '网格工作人员',
    'field.phone': '电话',
    'field.duties': '职责',
    'field.role': '角色',

    'kind.village': '村',
    'kind.community': '社区',
    'kind.rural': '农村合作社网格',
    'kind.park': '园区网格',
    'level.point': '服务点',
    'level.grid': '网格服务中心',
    'level.station': '村便民服务站',
    'level.center': '镇社会服务管理中心',
    'class.main': '主干道',
    'class.village': '村道',
    'class.path': '小路',
    'class.stairs': '步梯',
    'type.collapse': '崩塌',
    'type.landslide': '滑坡',
    'type.debris_flow': '泥石流',
    'type.ground_collapse': '地面塌陷',
    'type.ground_fissure': '地裂缝',
    'type.subsidence': '地面沉降',
    'grade.small': '小型（IV级）',
    'grade.medium': '中型（III级）',
    'grade.large': '大型（II级）',
    'grade.huge': '特大型（I级）',
    'status.reported': '已上报',
    'status.verified': '已核实',
    'status.monitoring': '监测中',
    'status.mitigated': '已治理',
    'status.closed': '已销号',
    'role.grid_leader': '网格长',
    'role.coordinator': '综合协调员',
    'role.volunteer': '志愿者',
    'role.liaison': '机关指导员',
    'role.police': '民警',
    'role.caring_mother': '爱心妈妈',
    'role.resident_rep': '居民代表',
    'role.hazard_monitor': '地质灾害监测员',
    'bool.true': '是',
    'bool.false': '否',
    'unit.m': '米',
    'unit.km': '千米',
    'unit.m2': '平方米',
    'unit.km2': '平方千米',
    'unit.kmh': '千米/小时',
    'unit.people': '人',
    'unit.households': '户',
    // one short glyph per hazard type, drawn inside the warning symbol
    'glyph.collapse': '崩',
    'glyph.landslide': '滑',
    'glyph.debris_flow': '泥',
    'glyph.ground_collapse': '陷',
    'glyph.ground_fissure': '裂',
    'glyph.subsidence': '沉',
  },
  en: {
    'app.title': 'gridmap',
    'app.subtitle': 'Grid-based social services',
    'lang.switch': '中文',
    'lang.switch.label': 'Switch to Chinese',
    'search.placeholder': 'Grid code or name…',
    'search.label': 'Search grids, villages, service points',
    'search.none': 'No matches',
    'search.error': 'Search is unavailable right now',
    'search.clear': 'Clear search',
    'layers.button': 'Layers',
    'layers.button.label': 'Show or hide layers and legend',
    'layers.title': 'Layers and legend',
    'layers.close': 'Close the layer panel',
    'layers.online': 'Online basemap',
    'layers.online.none': 'None (offline)',
    'layers.online.osm': 'OpenStreetMap',
    'layers.online.tianditu': 'Tianditu vector',
    'layers.online.tianditu.missing': 'Tianditu (no key configured)',
    'layers.online.note': 'The internet is used only once you choose one',
    'layer.villages': 'Villages / communities',
    'layer.grids': 'Grids',
    'layer.roads': 'Roads',
    'layer.facilities': 'Service facilities',
    'layer.households': 'Households',
    'layer.hazards': 'Geological hazards',
    'legend.villages.boundary': 'Village boundary',
    'legend.grids.fill': 'Grid (coloured by village)',
    'legend.households.density': 'Household density (zoomed out)',
    'legend.households.point': 'Household (zoomed in)',
    'legend.hazards.grade': 'Colour shows the threat grade',
    'panel.title': 'Feature details',
    'panel.close': 'Close details',
    'panel.loading': 'Loading…',
    'panel.error': 'Full properties could not be loaded; showing the map’s properties',
    'panel.zoomTo': 'Zoom to',
    'panel.aggregate': 'Household cell',
    'coords.label': 'Cursor coordinates',
    'coords.none': 'lon, lat',
    'zoom.in': 'Zoom in',
    'zoom.out': 'Zoom out',
    'status.loading': 'Loading the map…',
    'status.tilesFailed': 'Some map tiles failed to load',
    'status.townFailed': 'Could not read the town extent',

    'collection.towns': 'Town',
    'collection.villages': 'Village / community',
    'collection.grids': 'Grid',
    'collection.service-points': 'Service facility',
    'collection.roads': 'Road',
    'collection.households': 'Household',
    'collection.hazards': 'Geological hazard',

    'field.id': 'ID',
    'field.code': 'Code',
    'field.name': 'Name',
    'field.name_en': 'English name',
    'field.kind': 'Kind',
    'field.level': 'Level',
    'field.class': 'Road class',
    'field.type': 'Hazard type',
    'field.grade': 'Threat grade',
    'field.status': 'Status',
    'field.radius_m': 'Threat radius',
    'field.blocks_roads': 'Blocks roads',
    'field.description': 'Description',
    'field.members': 'Members',
    'field.count': 'Households',
    'field.oneway': 'One-way',
    'field.walk_kmh': 'Walking speed',
    'field.length_m': 'Length',
    'field.area_m2': 'Area',
    'field.area_km2': 'Area',
    'field.households': 'Households',
    'field.population': 'Population',
    'field.town_id': 'Town ID',
    'field.town_code': 'Town code',
    'field.town_name': 'Town',
    'field.village_id': 'Village ID',
    'field.village_code': 'Village code',
    'field.village_name': 'Village / community',
    'field.grid_id': 'Grid ID',
    'field.grid_code': 'Grid code',
    'field.grid_name': 'Grid',
    'field.town': 'Town code',
    'field.village': 'Village code',
    'field.grid': 'Grid code',
    'field.version': 'Version',
    'field.created_at': 'Created',
    'field.updated_at': 'Updated',
    'field.staff': 'Grid staff',
    'field.phone': 'Phone',
    'field.duties': 'Duties',
    'field.role': 'Role',

    'kind.village': 'Village',
    'kind.community': 'Community',
    'kind.rural': 'Rural cooperative grid',
    'kind.park': 'Industrial park grid',
    'level.point': 'Service point',
    'level.grid': 'Grid hub',
    'level.station': 'Village service station',
    'level.center': 'Town service center',
    'class.main': 'Main road',
    'class.village': 'Village road',
    'class.path': 'Path',
    'class.stairs': 'Stairs',
    'type.collapse': 'Rockfall / collapse',
    'type.landslide': 'Landslide',
    'type.debris_flow': 'Debris flow',
    'type.ground_collapse': 'Ground collapse',
    'type.ground_fissure': 'Ground fissure',
    'type.subsidence': 'Land subsidence',
    'grade.small': 'Small (IV)',
    'grade.medium': 'Medium (III)',
    'grade.large': 'Large (II)',
    'grade.huge': 'Huge (I)',
    'status.reported': 'Reported',
    'status.verified': 'Verified',
    'status.monitoring': 'Monitoring',
    'status.mitigated': 'Mitigated',
    'status.closed': 'Closed',
    'role.grid_leader': 'Grid leader',
    'role.coordinator': 'Coordinator',
    'role.volunteer': 'Volunteer',
    'role.liaison': 'Government liaison',
    'role.police': 'Police officer',
    'role.caring_mother': 'Caring mother',
    'role.resident_rep': 'Resident representative',
    'role.hazard_monitor': 'Hazard monitor',
    'bool.true': 'Yes',
    'bool.false': 'No',
    'unit.m': 'm',
    'unit.km': 'km',
    'unit.m2': 'm²',
    'unit.km2': 'km²',
    'unit.kmh': 'km/h',
    'unit.people': 'people',
    'unit.households': 'households',
    'glyph.collapse': 'C',
    'glyph.landslide': 'L',
    'glyph.debris_flow': 'D',
    'glyph.ground_collapse': 'G',
    'glyph.ground_fissure': 'F',
    'glyph.subsidence': 'S',
  },
};

export const LANGUAGES = Object.freeze(['zh', 'en']);
const STORAGE_KEY = 'gridmap.lang';
const listeners = new Set();
let current = initialLanguage();

function initialLanguage() {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (LANGUAGES.includes(fromUrl)) return fromUrl;
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (LANGUAGES.includes(saved)) return saved;
  } catch {
    // storage may be unavailable (private mode): fall back to the default
  }
  return 'zh';
}

/** The current language: 'zh' or 'en'. */
export function language() {
  return current;
}

/** The text for key in the current language; the key itself when no language has it. */
export function t(key) {
  const own = dictionary[current][key];
  if (own !== undefined) return own;
  const zh = dictionary.zh[key];
  return zh !== undefined ? zh : key;
}

/** True when the dictionary knows key. */
export function has(key) {
  return key in dictionary[current] || key in dictionary.zh;
}

export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang) || lang === current) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not persisted; the switch still works for this page
  }
  applyTranslations();
  for (const fn of listeners) fn(lang);
}

export function toggleLanguage() {
  setLanguage(current === 'zh' ? 'en' : 'zh');
}

export function onLanguageChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

const ATTRIBUTES = ['title', 'aria-label', 'placeholder'];

/** Fills every data-i18n* element under root with the current language's text. */
export function applyTranslations(root = document) {
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  if (root === document) document.title = `${t('app.title')} · ${t('app.subtitle')}`;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const attr of ATTRIBUTES) {
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) {
      el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`)));
    }
  }
}
