import { getJson } from './api.js';
import { badge, bytes, card, el, errorBox, show, sparkline, usage, when } from './dom.js';

/** Masters and leader, nodes with capacity and health, chunk health, throughput over an hour. */
export function render(main) {
  const body = el('div', { id: 'overview' }, el('p', { class: 'muted', text: 'Loading…' }));
  show(main, el('h1', { text: 'Overview' }), body);
  let stopped = false;
  const refresh = async () => {
    try {
      const [cluster, throughput] = await Promise.all([
        getJson('/v1/admin/cluster'), getJson('/v1/admin/throughput')]);
      if (!stopped) show(body, ...view(cluster, throughput));
    } catch (e) {
      if (!stopped) show(body, errorBox(e));
    }
  };
  refresh();
  const timer = setInterval(refresh, 5000);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

function view(c, t) {
  const census = c.census;
  const m = c.masters;
  return [
    el('div', { class: 'cards' },
      card('Leader', m.replicated ? (m.leader || 'none') : 'single master', { id: 'leader' }),
      card('Nodes live', String(c.live_nodes), { id: 'live-nodes' }),
      card('Nodes dead', String(c.dead_nodes), { id: 'dead-nodes', bad: c.dead_nodes > 0 }),
      card('Used', bytes(c.used_bytes) + ' of ' + bytes(c.capacity_bytes), { id: 'used' }),
      card('Under-replicated chunks', String(census.under_replicated),
        { id: 'under-replicated', bad: census.under_replicated > 0 }),
      card('Missing chunks', String(census.missing), { id: 'missing', bad: census.missing > 0 }),
      card('Corrupt replicas', String(census.corrupt_replicas), { bad: census.corrupt_replicas > 0 }),
      card('Copies in flight', String(c.copies_in_flight)),
      card('Pending deletes', String(c.pending_deletes)),
      card('Safe mode', c.safe_mode ? 'ON' : 'off', { id: 'safe-mode', bad: c.safe_mode })),
    el('p', { class: 'muted', text: census.at
      ? 'Last healing census: ' + when(census.at) + ', ' + census.chunks + ' chunks examined.'
      : 'No healing census yet.' }),
    el('h2', { text: 'Throughput (last hour)' }),
    throughput(t),
    el('h2', { text: 'Masters' }),
    masters(m),
    el('h2', { text: 'Chunkservers' }),
    el('table', { id: 'overview-nodes' },
      el('thead', {}, el('tr', {}, el('th', { text: 'Node' }), el('th', { text: 'Health' }),
        el('th', { text: 'State' }), el('th', { text: 'Capacity' }))),
      el('tbody', {}, c.nodes.map((n) => el('tr', { dataset: { node: n.id } },
        el('td', { class: 'name', text: n.id }), el('td', {}, badge(n.health)),
        el('td', {}, badge(n.admin_state)), el('td', {}, usage(n.used_bytes, n.capacity_bytes)))))),
  ];
}

function masters(m) {
  if (!m.replicated) {
    return el('p', { class: 'muted', text: 'One master (its metadata is not replicated)'
      + (m.note ? ': ' + m.note : '.') });
  }
  return el('table', { id: 'masters' },
    el('thead', {}, el('tr', {}, el('th', { text: 'Master' }), el('th', { text: 'Client address' }),
      el('th', { text: 'Raft address' }), el('th', { text: 'Role' }))),
    el('tbody', {}, m.members.map((x) => el('tr', {},
      el('td', { text: x.id }), el('td', { text: x.client_address || '' }),
      el('td', { text: x.raft_address }), el('td', { text: x.leader ? 'leader' : 'follower' })))));
}

function throughput(t) {
  const rates = t.rates || [];
  const box = el('div', { class: 'spark', id: 'throughput' });
  if (rates.length === 0) {
    box.append(el('p', { class: 'muted', text: 'Collecting: one sample every '
      + t.interval_seconds + ' s; the line starts with the second sample.' }));
  } else {
    const last = rates[rates.length - 1];
    box.append(
      sparkline([
        { label: 'read', values: rates.map((r) => r.read_bytes_per_second) },
        { label: 'written', class: 'write', values: rates.map((r) => r.written_bytes_per_second) },
      ]),
      el('p', { class: 'muted', text: 'Now: read ' + bytes(Math.round(last.read_bytes_per_second))
        + '/s (blue), written ' + bytes(Math.round(last.written_bytes_per_second))
        + '/s (amber); ' + (t.samples || []).length + ' samples.' }));
  }
  if (!t.counters_reported) {
    box.append(el('p', { class: 'muted', text: 'No byte counters reported yet (an idle cluster, or '
      + 'chunkservers that do not send them in their heartbeats).' }));
  }
  return box;
}
