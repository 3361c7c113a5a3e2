import { call, getJson } from './api.js';
import { badge, confirmDialog, el, errorBox, show, usage, when } from './dom.js';

/** Every chunkserver with its health and state; decommission one. */
export function render(main) {
  const message = el('div', { id: 'nodes-message' });
  const body = el('div', {}, el('p', { class: 'muted', text: 'Loading…' }));
  show(main, el('h1', { text: 'Nodes' }), message, body);
  let stopped = false;
  const refresh = async () => {
    try {
      const answer = await getJson('/v1/admin/nodes');
      if (!stopped) show(body, table(answer.nodes, decommission));
    } catch (e) {
      if (!stopped) show(body, errorBox(e));
    }
  };
  const decommission = async (id) => {
    if (!(await confirmDialog('Decommission ' + id + '? It takes no new replicas, and its '
      + 'replicas are copied elsewhere until it is safe to remove.'))) return;
    try {
      await call('POST', '/v1/admin/nodes/' + encodeURIComponent(id) + '/decommission');
      show(message, el('p', { class: 'notice', text: 'Decommissioning ' + id + '.' }));
    } catch (e) {
      show(message, errorBox(e));
    }
    refresh();
  };
  refresh();
  const timer = setInterval(refresh, 2000);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

function table(nodes, decommission) {
  return el('table', { id: 'nodes' },
    el('thead', {}, el('tr', {},
      el('th', { text: 'Node' }), el('th', { text: 'Address' }), el('th', { text: 'Health' }),
      el('th', { text: 'State' }), el('th', { text: 'Capacity' }), el('th', { class: 'num', text: 'Replicas' }),
      el('th', { text: 'Last heartbeat' }), el('th', {}))),
    el('tbody', {}, nodes.map((n) => el('tr', { dataset: { node: n.id } },
      el('td', { class: 'name', text: n.id }),
      el('td', { text: n.address || '' }),
      el('td', { class: 'health' }, badge(n.health)),
      el('td', { class: 'state' }, badge(n.admin_state)),
      el('td', {}, usage(n.used_bytes, n.capacity_bytes)),
      el('td', { class: 'num', text: String(n.replicas) }),
      el('td', { text: when(n.last_heartbeat) }),
      el('td', {}, n.admin_state === 'IN_SERVICE'
        ? el('button', { class: 'decommission danger', type: 'button', text: 'Decommission',
          onclick: () => decommission(n.id) })
        : null)))));
}
