// What a click on the map means: browsing (select a feature), villager mode (where am I), the coverage view (a
// planner's analysis), planner mode (redraw grids) or monitor mode (pin hazards). The mode bar's buttons switch;
// pressing the active one goes back to browsing. A guard may refuse a mode (it needs a login or a role).

export const BROWSE = 'browse';

/**
 * bar: the element holding [data-mode] buttons. modes: {name: {enter(), exit(), click(event) -> handled}}.
 * guard(name) -> false keeps the current mode (the guard explains why, or asks for a login first).
 */
export function createModes(bar, modes, { onChange, guard } = {}) {
  let current = BROWSE;
  const buttons = [...bar.querySelectorAll('[data-mode]')];

  function render() {
    for (const button of buttons) button.setAttribute('aria-pressed', String(button.dataset.mode === current));
    document.body.dataset.mode = current;
    document.body.classList.toggle('mode-panel-open', current !== BROWSE);
  }

  /** Switches mode; force (a logout) closes a mode even with unsaved work. */
  function set(name, { force = false } = {}) {
    const next = name in modes ? name : BROWSE;
    if (next === current) return current;
    if (next !== BROWSE && guard && guard(next) === false) return current;
    // a mode with unsaved work may ask to stay (it says why)
    if (!force && modes[current]?.canLeave?.() === false) return current;
    const previous = current;
    modes[previous]?.exit();
    current = next;
    render();
    modes[current]?.enter();
    onChange?.(current, previous);
    return current;
  }

  for (const button of buttons) {
    button.addEventListener('click', () => set(current === button.dataset.mode ? BROWSE : button.dataset.mode));
  }
  render();

  return {
    current: () => current,
    set,
    /** Lets the current mode handle a map click; false when the viewer should select a feature as usual. */
    click(event) {
      return Boolean(modes[current]?.click?.(event));
    },
  };
}
