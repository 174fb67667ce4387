// A small element builder: element('li', {class: 'x', text: 'y', 'data-testid': 'z'}, child, …).

export function element(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child);
  }
  return el;
}

/** A tel: link for a phone number as people write it (digits and a leading + are dialled). */
export function phoneLink(phone, attrs = {}) {
  return element('a', { href: `tel:${String(phone).replace(/[^0-9+]/g, '')}`, text: phone, ...attrs });
}

/** A legend line: a colour swatch (a dot, or a dashed line) and its words. */
export function swatchItem(color, text, { line = false } = {}) {
  return element('li', {},
    element('span', { class: `swatch${line ? ' line' : ''}`, style: line ? `border-color: ${color}` : `background: ${color}` }),
    element('span', { text }));
}
