// On a phone the panels are bottom sheets: their handle is dragged up or down to show more of the panel or
// more of the map; a tap on it switches between the usual height and nearly the whole screen.

const MIN_PX = 120; // the sheet's head stays in reach
const TOP_GAP_PX = 72; // the search bar stays visible above a sheet dragged all the way up

function clampHeight(px) {
  return Math.round(Math.max(MIN_PX, Math.min(window.innerHeight - TOP_GAP_PX, px)));
}

function setHeight(sheet, px) {
  if (px === null) {
    sheet.style.removeProperty('max-height');
    sheet.style.removeProperty('height');
  } else {
    sheet.style.maxHeight = `${px}px`;
    sheet.style.height = `${px}px`;
  }
  window.dispatchEvent(new CustomEvent('gridmap:sheet-resized', { detail: { sheet: sheet.id } }));
}

function makeDraggable(handle) {
  const sheet = handle.closest('.card');
  if (!sheet) return;
  let drag = null;
  handle.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    drag = { id: event.pointerId, startY: event.clientY, startHeight: sheet.getBoundingClientRect().height, moved: false };
    handle.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  handle.addEventListener('pointermove', (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    const dy = event.clientY - drag.startY;
    if (Math.abs(dy) > 4) drag.moved = true;
    if (drag.moved) setHeight(sheet, clampHeight(drag.startHeight - dy));
  });
  const end = (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    const { moved } = drag;
    drag = null;
    handle.dataset.dragged = String(moved);
  };
  handle.addEventListener('pointerup', end);
  handle.addEventListener('pointercancel', end);
  handle.addEventListener('click', () => {
    // a drag ends with a click too: only a tap (or Enter / Space) toggles
    if (handle.dataset.dragged === 'true') {
      handle.dataset.dragged = 'false';
      return;
    }
    const tall = sheet.style.height && parseFloat(sheet.style.height) > window.innerHeight * 0.7;
    setHeight(sheet, tall ? null : clampHeight(window.innerHeight * 0.88));
  });
}

/** Makes every sheet handle in the document draggable. */
export function createSheets(root = document) {
  for (const handle of root.querySelectorAll('.sheet-handle')) makeDraggable(handle);
}
