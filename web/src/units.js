// Times, distances and shares as people read them, in the current language: "4 分 12 秒" / "4 min 12 s".

import { language, t, tf } from './i18n.js';

function locale() {
  return language() === 'zh' ? 'zh-CN' : 'en';
}

export function formatNumber(value, digits = 0) {
  return Number(value).toLocaleString(locale(), { maximumFractionDigits: digits });
}

/** A travel time: "45 秒", "4 分 12 秒", "1 小时 5 分"; unreachable (null, Infinity) as such. */
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(Number(seconds))) return t('duration.none');
  const total = Math.max(0, Math.round(Number(seconds)));
  if (total < 60) return tf('duration.s', { s: total });
  if (total < 3600) {
    const m = Math.floor(total / 60);
    return tf('duration.ms', { m, s: total % 60 });
  }
  const minutes = Math.round(total / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? tf('duration.hm', { h, m }) : tf('duration.h', { h });
}

/** A promise in whole minutes: "5 分钟" / "5 min" (hours once it is more than an hour). */
export function formatLimit(seconds) {
  const minutes = Math.round(Number(seconds) / 6) / 10;
  if (minutes > 60 && minutes % 60 === 0) return tf('duration.h', { h: minutes / 60 });
  return tf('duration.m', { m: formatNumber(minutes, 1) });
}

/** A distance in metres: "548 米", or kilometres from 1 km: "1.2 千米". */
export function formatDistance(meters) {
  const m = Number(meters);
  if (!Number.isFinite(m)) return '–';
  if (m >= 1000) return `${formatNumber(m / 1000, m >= 10000 ? 1 : 2)} ${t('unit.km')}`;
  return `${formatNumber(Math.round(m))} ${t('unit.m')}`;
}

/** A share (0…1) as a percentage with one decimal: "92.2%". */
export function formatShare(share) {
  if (share === null || share === undefined || !Number.isFinite(Number(share))) return '–';
  return `${(Number(share) * 100).toFixed(1)}%`;
}

export function formatArea(km2) {
  const v = Number(km2);
  if (!Number.isFinite(v)) return '–';
  if (v < 0.1) return `${formatNumber(v * 1e6)} ${t('unit.m2')}`;
  return `${formatNumber(v, 3)} ${t('unit.km2')}`;
}
