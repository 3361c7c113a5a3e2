import { ApiError, call, clearCredential, setCredential } from './api.js';
import { el, errorBox, show } from './dom.js';

/** The login page: an API key or a JWT, kept in sessionStorage (gone with the tab). */
export function render(main) {
  const input = el('textarea', {
    id: 'credential', name: 'credential', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'godfs_… API key or JWT', required: true,
  });
  const message = el('div', { id: 'login-message' });
  const form = el('form', { class: 'login', id: 'login-form' },
    el('h1', { text: 'Log in to goDFS' }),
    el('p', { class: 'muted', text: 'Paste an API key or a JWT. It is kept in this tab only and '
      + 'sent as a bearer on every request.' }),
    input,
    el('p', {}, el('button', { id: 'login-submit', type: 'submit', text: 'Log in' })),
    message);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = input.value.trim();
    if (!value) return;
    setCredential(value);
    try {
      // Any authenticated call tells a wrong credential (401) from a right one; a 403 on / is fine.
      await call('GET', '/v1/fs/stat', { query: { path: '/' } });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 401) {
        clearCredential();
        show(message, errorBox(err));
        return;
      }
    }
    const before = window.location.hash;
    window.location.hash = '#/overview';
    if (before === '#/overview') window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
  show(main, form);
  input.focus();
  return () => {};
}
