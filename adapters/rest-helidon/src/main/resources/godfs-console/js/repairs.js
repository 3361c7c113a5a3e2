import { getJson } from './api.js';
import { el, errorBox, show, when } from './dom.js';

/** The masters' repair log: what the healing loop ordered, newest first. */
export function render(main) {
  const body = el('div', { id: 'repairs' }, el('p', { class: 'muted', text: 'Loading…' }));
  show(main, el('h1', { text: 'Repair log' }), body);
  let stopped = false;
  (async () => {
    try {
      const r = await getJson('/v1/admin/repairs');
      if (stopped) return;
      const entries = r.entries || [];
      show(body, entries.length === 0 ? el('p', { class: 'muted', text: 'No repairs logged.' })
        : el('table', {},
          el('thead', {}, el('tr', {}, el('th', { text: 'When' }), el('th', { text: 'What' }))),
          el('tbody', {}, entries.map((e) => el('tr', {},
            el('td', { text: when(e.at) }), el('td', { text: e.description || JSON.stringify(e) }))))));
    } catch (e) {
      if (stopped) return;
      show(body, e.status === 501 ? el('p', { class: 'notice', id: 'repairs-unavailable', text: e.message })
        : errorBox(e));
    }
  })();
  return () => {
    stopped = true;
  };
}
