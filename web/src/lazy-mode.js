// A mode whose code is fetched the first time it is entered (a separate bundle chunk), so a villager's page
// loads only the map and the villager's own mode. It behaves like the mode itself towards the mode bar.

/** load: () => Promise<mode>; the mode is made once, on the first enter (or ensure). */
export function lazyMode(load) {
  let mode = null;
  let loading = null;
  let entries = 0; // which enter() is the latest, so a quick enter-exit-enter enters once
  let active = false;

  function ensure() {
    loading ??= load().then((made) => {
      mode = made;
      return made;
    });
    return loading;
  }

  return {
    /** The mode once loaded, else null. */
    get loaded() {
      return mode;
    },
    ensure,
    enter() {
      active = true;
      const entry = ++entries;
      ensure().then((made) => {
        if (active && entry === entries) made.enter();
      });
    },
    canLeave() {
      return mode?.canLeave ? mode.canLeave() : true;
    },
    exit() {
      active = false;
      if (mode) mode.exit();
    },
    click(event) {
      // while the mode's code is on its way, a click on the map belongs to the mode all the same
      if (!mode) return active;
      return mode.click(event);
    },
  };
}
