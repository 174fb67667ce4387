// Stable colours: each village keeps its colour across sessions and zoom levels.

const GOLDEN_ANGLE = 137.508;

function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hue in degrees for a village code: neighbouring codes (201, 202 …) land far apart on the colour wheel. */
export function villageHue(code) {
  const text = String(code ?? '');
  const tail = text.slice(-6);
  const n = /^[0-9]+$/.test(tail) ? Number(tail) : hash(text);
  return (n * GOLDEN_ANGLE + 25) % 360;
}

export function villageFill(code, alpha = 0.42) {
  return `hsla(${villageHue(code).toFixed(1)}, 58%, 66%, ${alpha})`;
}

export function villageLine(code) {
  return `hsla(${villageHue(code).toFixed(1)}, 45%, 38%, 0.85)`;
}

export const GRADE_COLORS = Object.freeze({
  small: '#f2c618',
  medium: '#f08c1a',
  large: '#e0352b',
  huge: '#8e1a3c',
});

export const LEVEL_COLORS = Object.freeze({
  center: '#c62828',
  station: '#1e5fa8',
  grid: '#2e7d4f',
  point: '#e07b00',
});

export const HOUSEHOLD_COLOR = [106, 61, 154];
