import { getJson } from './api.js';
import { badge, el, errorBox, show, when } from './dom.js';

// What each kind of event means, for the table's title text.
const MEANING = {
  COPY_ORDERED: 'a copy of an under-replicated chunk was ordered onto the node',
  BALANCE_COPY_ORDERED: 'a copy was ordered onto the node to even out the disks',
  STALE_DELETED: 'the node\'s out-of-date replica was deleted',
  CORRUPT_DELETED: 'the node\'s corrupt replica was deleted',
  EXCESS_DELETED: 'an extra replica was deleted from the node',
  ORPHAN_DELETED: 'a replica no file owns was deleted from the node',
  NODE_PRUNED: 'the node stopped heartbeating: its replicas no longer count',
  DECOMMISSIONED: 'every chunk the node held has its copies elsewhere: safe to remove',
};

const LIMITS = [50, 100, 500, 1000];

/** The leading master's repair log: what its healing loop ordered, newest first. */
export function render(main, params) {
  const wanted = Number(params.get('limit'));
  const select = el('select', { id: 'repairs-limit' },
    LIMITS.map((n) => el('option', { value: String(n), text: String(n), selected: n === (LIMITS.includes(wanted) ? wanted : 100) })));
  const body = el('div', { id: 'repairs' }, el('p', { class: 'muted', text: 'Loading…' }));
  show(main, el('h1', { text: 'Repair log' }),
    el('div', { class: 'toolbar' }, el('label', { for: 'repairs-limit', text: 'Latest ' }), select,
      el('span', { class: 'muted', text: ' events, newest first (the leader keeps them in memory)' })),
    body);
  let stopped = false;
  const refresh = async () => {
    try {
      const r = await getJson('/v1/admin/repairs', { limit: select.value });
      if (!stopped) show(body, view(r.events || []));
    } catch (e) {
      if (!stopped) show(body, errorBox(e));
    }
  };
  select.addEventListener('change', refresh);
  refresh();
  const timer = setInterval(refresh, 5000);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

function view(events) {
  if (events.length === 0) {
    return el('p', { class: 'muted', id: 'repairs-empty', text: 'No repairs logged since this master began to lead.' });
  }
  return el('table', { id: 'repairs-table' },
    el('thead', {}, el('tr', {},
      el('th', { text: 'When' }), el('th', { text: 'Action' }), el('th', { text: 'Chunk' }),
      el('th', { text: 'Node' }), el('th', { class: 'num', text: 'Good copies' }))),
    el('tbody', {}, events.map((e) => el('tr', { dataset: { kind: e.kind }, title: MEANING[e.kind] || '' },
      el('td', { text: when(e.at) }),
      el('td', { class: 'kind' }, badge(e.kind)),
      el('td', { class: 'chunk', text: e.chunk || '' }),
      el('td', { class: 'node', text: e.node || '' }),
      el('td', { class: 'num', text: e.chunk ? String(e.live_copies) : '' })))));
}
