import { getJson } from './api.js';
import { badge, bytes, card, el, errorBox, show } from './dom.js';

/** The health of every file at or under a path, problems first. */
export function render(main, params) {
  const input = el('input', { id: 'fsck-path', value: params.get('path') || '/' });
  const result = el('div', { id: 'fsck-result' });
  let stopped = false;
  const run = async () => {
    show(result, el('p', { class: 'muted', text: 'Checking…' }));
    try {
      const r = await getJson('/v1/admin/fsck', { path: input.value || '/' });
      if (!stopped) show(result, ...view(r));
    } catch (e) {
      if (!stopped) show(result, errorBox(e));
    }
  };
  const form = el('form', { class: 'toolbar' }, el('label', { text: 'Path ' }), input,
    el('button', { id: 'fsck-run', type: 'submit', text: 'Run fsck' }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run();
  });
  show(main, el('h1', { text: 'Fsck' }), form, result);
  run();
  return () => {
    stopped = true;
  };
}

function view(r) {
  return [
    el('div', { class: 'cards' },
      card('Verdict', r.healthy ? 'HEALTHY' : 'PROBLEMS', { id: 'fsck-verdict', bad: !r.healthy }),
      card('Files', String(r.files)),
      card('Under-replicated chunks', String(r.under_replicated), { bad: r.under_replicated > 0 }),
      card('Missing chunks', String(r.missing), { bad: r.missing > 0 }),
      card('Corrupt replicas', String(r.corrupt_replicas), { bad: r.corrupt_replicas > 0 })),
    r.truncated ? el('p', { class: 'notice', text: 'Only the first ' + r.listed.length
      + ' files are listed (problems first).' }) : null,
    el('table', { id: 'fsck-files' },
      el('thead', {}, el('tr', {}, el('th', { text: 'File' }), el('th', { class: 'num', text: 'Length' }),
        el('th', { class: 'num', text: 'R' }), el('th', { text: 'Chunks' }))),
      el('tbody', {}, r.listed.map((f) => el('tr', {},
        el('td', { class: 'name', text: f.path }),
        el('td', { class: 'num', text: bytes(f.length) }),
        el('td', { class: 'num', text: String(f.replication) }),
        el('td', {}, f.chunks.length === 0 ? el('span', { class: 'muted', text: 'none' })
          : f.chunks.map((c) => el('div', {}, badge(c.status), ' #' + c.index + ' ' + c.chunk
            + ' good ' + c.good.length + '/' + c.wanted
            + (c.corrupt.length ? ', corrupt on ' + c.corrupt.join(', ') : '')
            + (c.stale.length ? ', stale on ' + c.stale.join(', ') : '')))))))),
  ];
}
