// The four rings as the viewer names them: "四环" / "Ring 4", and what each links ("住户 → 最近服务点").

import { fetchRingPolicy } from './api.js';
import { language, t, tf } from './i18n.js';

let policy = null;
let loading = null;

/** Loads the ring policy once (names and minutes come from the server's configuration). */
export function loadRingPolicy() {
  if (!loading) {
    loading = fetchRingPolicy()
      .then((body) => { policy = body; return body; })
      .catch(() => { loading = null; return null; });
  }
  return loading;
}

function ringSpec(number) {
  return policy?.rings?.find((r) => r.ring === number) ?? null;
}

/** The ring's name: the policy's own in Chinese ("四环"), its English name otherwise ("Ring 4"). */
export function ringName(number, serverName) {
  const spec = ringSpec(number);
  if (language() === 'zh') return serverName || spec?.name || tf('ring.name', { n: t(`ring.numeral.${number}`) });
  const en = spec?.nameEn;
  if (en) return en.charAt(0).toUpperCase() + en.slice(1);
  return tf('ring.name', { n: t(`ring.numeral.${number}`) });
}

/** "住户 → 最近服务点" for a ring that links origins of level `from` to targets of level `to`. */
export function ringLink(from, to) {
  return `${t(`from.${from}`)} → ${t(`to.${to}`)}`;
}

/** How a ring's link is travelled, as the policy says: "步行" (walk) or "驾车" (drive). */
export function ringMode(number) {
  const mode = ringSpec(number)?.mode;
  return mode ? t(`ring.mode.${mode}`) : '';
}
