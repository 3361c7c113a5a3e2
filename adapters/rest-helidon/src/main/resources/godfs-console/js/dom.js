// DOM helpers: text goes in through textContent only (file names are hostile input, ADR 0018), and
// the page's Trusted Types policy makes any HTML-string sink throw anyway.

/** An element: props set attributes (class, text, on<event>, dataset), children are nodes or text. */
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = String(v);
    else if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k.startsWith('on')) {
      // Handlers are functions, never attribute text.
      if (typeof v === 'function') e.addEventListener(k.slice(2), v);
    } else if (k === 'href' && !/^(#|\/|https?:|blob:)/.test(String(v))) {
      // No javascript: or data: links, whatever a caller passes.
    } else e.setAttribute(k, v === true ? '' : String(v));
  }
  append(e, children);
  return e;
}

function append(parent, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the children of parent. */
export function show(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}

export function errorBox(e) {
  const status = e && e.status ? ' (' + e.status + (e.code ? ' ' + e.code : '') + ')' : '';
  return el('p', { class: 'error', role: 'alert', text: (e && e.message ? e.message : String(e)) + status });
}

export function bytes(n) {
  if (n === null || n === undefined) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = Number(n);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return (i === 0 ? String(v) : v.toFixed(1)) + ' ' + units[i];
}

export function when(unixSecondsOrIso) {
  if (unixSecondsOrIso === null || unixSecondsOrIso === undefined) return '';
  const d = typeof unixSecondsOrIso === 'number'
    ? new Date(unixSecondsOrIso * 1000) : new Date(unixSecondsOrIso);
  return isNaN(d.getTime()) ? String(unixSecondsOrIso) : d.toLocaleString();
}

export function badge(text) {
  return el('span', { class: 'badge ' + String(text).replace(/[^A-Z_]/g, ''), text });
}

/** A used/total bar and its figures. */
export function usage(used, total) {
  const pct = total > 0 ? Math.min(100, Math.round((used / total) * 100)) : 0;
  const fill = el('span');
  fill.style.width = pct + '%';
  return el('span', {}, el('span', { class: 'bar' }, fill), bytes(used) + ' / ' + bytes(total));
}

export function card(label, value, { id, bad = false } = {}) {
  return el('div', { class: 'card' + (bad ? ' bad' : '') },
    el('div', { class: 'label', text: label }),
    el('div', { class: 'value', id, text: value }));
}

const SVG = 'http://www.w3.org/2000/svg';

/** An inline SVG sparkline of values (oldest first), one polyline per series. */
export function sparkline(series, { width = 600, height = 60 } = {}) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  for (const s of series) {
    // One rate is drawn as a flat line across, so that the first one shows.
    const values = s.values.length === 1 ? [s.values[0], s.values[0]] : s.values;
    const n = values.length;
    if (n === 0) continue;
    const points = values.map((v, i) => {
      const x = (i / (n - 1)) * width;
      const y = height - 2 - (v / max) * (height - 4);
      return x.toFixed(1) + ',' + y.toFixed(1);
    });
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', points.join(' '));
    if (s.class) line.setAttribute('class', s.class);
    const title = document.createElementNS(SVG, 'title');
    title.textContent = s.label;
    line.append(title);
    svg.append(line);
  }
  return svg;
}

/**
 * Asks for confirmation in the page's own dialog (no window.confirm). With expected set, the user
 * must type it first. Resolves true when confirmed.
 */
export function confirmDialog(text, expected) {
  const dialog = document.getElementById('confirm-dialog');
  const input = document.getElementById('confirm-input');
  const ok = document.getElementById('confirm-ok');
  const label = document.getElementById('confirm-label');
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-expected').textContent = expected || '';
  label.hidden = !expected;
  input.value = '';
  ok.disabled = !!expected;
  input.oninput = () => {
    ok.disabled = expected ? input.value !== expected : false;
  };
  return new Promise((resolve) => {
    const cancel = document.getElementById('confirm-cancel');
    const done = (answer) => {
      ok.onclick = null;
      cancel.onclick = null;
      dialog.onclose = null;
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    ok.onclick = (e) => {
      e.preventDefault();
      done(!expected || input.value === expected);
    };
    cancel.onclick = () => done(false);
    dialog.onclose = () => done(false);
    dialog.showModal();
    (expected ? input : ok).focus();
  });
}
