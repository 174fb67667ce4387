// Which modes need which role, and what the mode bar does about it: a guard that asks for a login (or says the
// account may not), and buttons shown locked with what they need.

import { onLanguageChange, t } from './i18n.js';
import { BROWSE } from './modes.js';

/** The roles each writing mode needs (an admin may use every mode). */
export const MODE_ROLES = { planner: ['planner'], monitor: ['monitor'], errands: ['staff'], station: ['staff'] };

/** `modes()`: the mode bar (made after the guard, which it takes); `setStatus(key, options)`: the status line. */
export function createModeAccess({ auth, modes, setStatus }) {
  function guard(name) {
    const roles = MODE_ROLES[name];
    if (!roles) return true;
    if (auth.hasRole(...roles)) return true;
    if (!auth.user()) {
      auth.open({ reasonKey: `login.reason.${name}` }).then((user) => {
        if (user && auth.hasRole(...roles)) modes().set(name);
        else if (user) setStatus(`mode.${name}.denied`, { forMs: 5000 });
      });
      return false;
    }
    setStatus(`mode.${name}.denied`, { forMs: 5000 });
    return false;
  }

  /** Modes that need a role the logged-in user lacks are shown disabled, with what they need. */
  function renderLocks() {
    for (const [name, roles] of Object.entries(MODE_ROLES)) {
      const button = document.querySelector(`[data-mode="${name}"]`);
      if (!button) continue;
      const locked = Boolean(auth.user()) && !auth.hasRole(...roles);
      button.setAttribute('aria-disabled', String(locked));
      button.classList.toggle('locked', locked);
      button.dataset.needsLogin = String(!auth.user());
      button.title = t(locked ? `mode.${name}.denied` : auth.user() ? `mode.${name}.label` : `mode.${name}.login`);
    }
  }

  /** Locks follow the login and the language; a mode the new account may not use is left. */
  function follow() {
    auth.onChange(() => {
      renderLocks();
      const roles = MODE_ROLES[modes().current()];
      if (roles && !auth.hasRole(...roles)) modes().set(BROWSE, { force: true });
    });
    renderLocks();
    onLanguageChange(renderLocks);
  }

  return { guard, follow };
}
