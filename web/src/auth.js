// Who is logged in: the login dialog (user name + password; Enter submits), the account chip in the top bar
// with its log-out button, and role checks for the modes that write (planner, monitor).

import { fetchSession, HttpError, login, logout, setBearerToken } from './api.js';
import { onLanguageChange, t, tf } from './i18n.js';

/** True when user may act as one of roles; an admin may do everything. */
export function userHasRole(user, roles) {
  if (!user) return false;
  return user.role === 'admin' || roles.includes(user.role);
}

/**
 * dialog: the <dialog> with the login form; account: the top bar's account element.
 * Returns {user(), ready, onChange(fn), open({reasonKey}) -> Promise<user|null>, signOut(), hasRole(...roles)}.
 */
const SIGNED_IN = 'gridmap.signedIn';

function remembered() {
  try {
    return localStorage.getItem(SIGNED_IN) === '1';
  } catch {
    return true; // no storage: ask the server
  }
}

function remember(signedIn) {
  try {
    if (signedIn) localStorage.setItem(SIGNED_IN, '1');
    else localStorage.removeItem(SIGNED_IN);
  } catch {
    // no storage: every load asks the server
  }
}

export function createAuth(dialog, account) {
  const form = dialog.querySelector('form');
  const username = form.querySelector('[name="username"]');
  const password = form.querySelector('[name="password"]');
  const error = dialog.querySelector('[data-role="error"]');
  const reason = dialog.querySelector('[data-role="reason"]');
  const submit = dialog.querySelector('[data-role="submit"]');
  const cancel = dialog.querySelector('[data-role="cancel"]');
  const loginButton = account.querySelector('[data-role="login"]');
  const chip = account.querySelector('[data-role="user"]');
  const nameText = account.querySelector('[data-role="name"]');
  const roleText = account.querySelector('[data-role="role"]');
  const logoutButton = account.querySelector('[data-role="logout"]');

  let user = null;
  let waiting = [];
  let reasonKey = null;
  let errorState = null; // {key, vars}
  const listeners = new Set();

  function renderAccount() {
    account.dataset.state = user ? 'in' : 'out';
    loginButton.hidden = Boolean(user);
    chip.hidden = !user;
    if (user) {
      nameText.textContent = user.username;
      roleText.textContent = t(`account.role.${user.role}`);
      chip.title = tf('account.signedIn', { name: user.username, role: t(`account.role.${user.role}`) });
    }
  }

  function renderDialog() {
    reason.hidden = !reasonKey;
    reason.textContent = reasonKey ? t(reasonKey) : '';
    error.hidden = !errorState;
    error.textContent = errorState ? tf(errorState.key, errorState.vars ?? {}) : '';
  }

  function setUser(next) {
    remember(Boolean(next));
    const changed = (next?.id ?? null) !== (user?.id ?? null) || next?.role !== user?.role;
    user = next ? { id: next.id, username: next.username, role: next.role } : null;
    renderAccount();
    if (changed) for (const fn of listeners) fn(user);
  }

  function settle(result) {
    for (const resolve of waiting.splice(0)) resolve(result);
  }

  function close(result) {
    if (dialog.open) dialog.close();
    settle(result);
  }

  /** Opens the dialog; resolves with the user once logged in, or null when cancelled. */
  function open({ reasonKey: why = null } = {}) {
    reasonKey = why;
    errorState = null;
    password.value = '';
    renderDialog();
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    (username.value ? password : username).focus();
    return new Promise((resolve) => waiting.push(resolve));
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = username.value.trim();
    if (!name || !password.value) {
      errorState = { key: 'login.missing' };
      renderDialog();
      (name ? password : username).focus();
      return;
    }
    submit.disabled = true;
    dialog.dataset.state = 'sending';
    try {
      const answer = await login(name, password.value);
      setBearerToken(answer?.token);
      setUser(answer?.user ?? null);
      password.value = '';
      errorState = null;
      dialog.dataset.state = 'done';
      close(user);
    } catch (e) {
      dialog.dataset.state = 'error';
      if (e instanceof HttpError && e.status === 401) errorState = { key: 'login.wrong' };
      else if (e instanceof HttpError && e.status === 429) {
        errorState = e.retryAfter ? { key: 'login.throttled', vars: { s: e.retryAfter } } : { key: 'login.throttledNoTime' };
      } else errorState = { key: 'login.failed' };
      renderDialog();
      password.select();
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  cancel.addEventListener('click', () => close(null));
  dialog.addEventListener('cancel', () => settle(null)); // Escape
  dialog.addEventListener('close', () => settle(user));
  loginButton.addEventListener('click', () => open());
  logoutButton.addEventListener('click', () => signOut());
  onLanguageChange(() => {
    renderAccount();
    renderDialog();
  });

  async function signOut() {
    try {
      await logout();
    } catch {
      // the session may have expired already: the user is logged out either way
    }
    setBearerToken(null);
    setUser(null);
  }

  /** The server's answer to "who am I", so a reload keeps the session (its cookie). */
  async function refresh() {
    // the cookie is HttpOnly, so the page cannot see it: a mark left at login says whether asking is worth it.
    // Without it the visitor is anonymous, and asking would only log a 401 in the console on every load.
    if (!remembered()) {
      setUser(null);
      return user;
    }
    try {
      const body = await fetchSession();
      setUser(body?.user ?? null);
    } catch {
      setUser(null);
    }
    return user;
  }

  renderAccount();
  const ready = refresh();

  return {
    user: () => user,
    ready,
    refresh,
    open,
    signOut,
    /** A request failed with 401: the session has ended. */
    expired() {
      setBearerToken(null);
      setUser(null);
    },
    hasRole: (...roles) => userHasRole(user, roles),
    onChange(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
