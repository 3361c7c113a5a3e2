import { ApiError, call, getJson, postJson } from './api.js';
import { bytes, confirmDialog, el, errorBox, show, when } from './dom.js';

/** The namespace browser: list, stat, download, upload, mkdir, delete with confirmation. */
export function render(main, params) {
  const dir = normalise(params.get('path') || '/');
  const message = el('div', { id: 'browse-message' });
  const detail = el('div', { id: 'stat' });
  const rows = el('tbody', {});
  const more = el('button', { id: 'more', type: 'button', text: 'More', hidden: true });
  const fileInput = el('input', { id: 'upload-input', type: 'file' });
  const folder = el('input', { id: 'mkdir-name', placeholder: 'new folder name' });
  let stopped = false;
  let next = null;

  const notify = (node) => {
    if (!stopped) show(message, node);
  };
  const load = async (token) => {
    try {
      const page = await getJson('/v1/fs/list', { path: dir, limit: 200, page_token: token });
      if (stopped) return;
      if (!token) rows.replaceChildren();
      for (const entry of page.entries) rows.append(row(entry));
      next = page.next_page_token || null;
      more.hidden = !next;
      if (!token && page.entries.length === 0) {
        rows.append(el('tr', {}, el('td', { colspan: 5, class: 'muted', text: 'Empty directory.' })));
      }
    } catch (e) {
      notify(errorBox(e));
    }
  };
  const row = (entry) => {
    const path = join(dir, entry.name);
    const name = entry.is_dir
      ? el('a', { class: 'entry dir', href: '#/browse?path=' + encodeURIComponent(path),
        text: entry.name + '/' })
      : el('button', { class: 'link entry file', type: 'button', text: entry.name,
        onclick: () => stat(path) });
    return el('tr', { class: 'entry-row', dataset: { name: entry.name } },
      el('td', { class: 'name' }, name),
      el('td', { class: 'num', text: entry.is_dir ? '' : bytes(entry.size) }),
      el('td', { text: when(entry.modified_at_unix) }),
      el('td', {}, entry.is_dir ? null : el('button', { class: 'download', type: 'button',
        text: 'Download', onclick: () => download(path, entry.name) })),
      el('td', {}, el('button', { class: 'delete danger', type: 'button', text: 'Delete',
        onclick: () => remove(path, entry.name, entry.is_dir) })));
  };
  const stat = async (path) => {
    try {
      const s = await getJson('/v1/fs/stat', { path });
      const fields = [['Path', s.path], ['Size', bytes(s.size) + ' (' + s.size + ' bytes)'],
        ['Modified', when(s.modified_at_unix)], ['Created', when(s.created_at_unix)],
        ['Replication', s.replication], ['Chunk size', bytes(s.chunk_size)],
        ['Chunks', s.chunk_count], ['Inline', s.inline ? 'yes' : 'no'], ['ETag', s.etag],
        ['Mode', s.mode_octal === undefined ? '' : s.mode_octal + ' (' + s.permissions + ')'],
        ['Owner', s.owner], ['Group', s.group]];
      show(detail, el('h2', { text: 'File' }),
        el('dl', { class: 'stat' }, fields.flatMap(([k, v]) => [el('dt', { text: k }),
          el('dd', { text: v === undefined || v === null ? '' : String(v) })])));
    } catch (e) {
      notify(errorBox(e));
    }
  };
  const download = async (path, name) => {
    try {
      let href;
      let how = 'presigned URL';
      let blobUrl = null;
      try {
        // A presigned URL streams the file without the bearer in it (ADR 0022 delegation token).
        href = (await postJson('/v1/presign', { method: 'GET', path, expires_in_seconds: 300 })).url;
      } catch (e) {
        if (!(e instanceof ApiError) || (e.status !== 409 && e.status !== 501)) throw e;
        blobUrl = URL.createObjectURL(await (await call('GET', '/v1/fs/content', { query: { path } })).blob());
        href = blobUrl;
        how = 'fetched with your credential';
      }
      const a = el('a', { href, download: name, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      if (blobUrl) setTimeout(() => URL.revokeObjectURL(blobUrl), 60000);
      notify(el('p', { class: 'notice', id: 'downloading', text: 'Downloading ' + name + ' (' + how + ').' }));
    } catch (e) {
      notify(errorBox(e));
    }
  };
  const remove = async (path, name, isDir) => {
    const ok = isDir
      ? await confirmDialog('Delete the directory ' + path + ' and everything under it?', name)
      : await confirmDialog('Delete ' + path + '?');
    if (!ok) return;
    try {
      await call('DELETE', '/v1/fs', { query: { path, recursive: isDir ? 'true' : undefined } });
      notify(el('p', { class: 'notice', id: 'deleted', text: 'Deleted ' + path + '.' }));
      load(null);
    } catch (e) {
      notify(errorBox(e));
    }
  };
  const upload = async () => {
    const file = fileInput.files[0];
    if (!file) return;
    const path = join(dir, file.name);
    notify(el('p', { class: 'muted', text: 'Uploading ' + file.name + '…' }));
    try {
      await call('PUT', '/v1/fs/content', { query: { path }, body: file,
        headers: { 'Content-Type': 'application/octet-stream' } });
      notify(el('p', { class: 'notice', id: 'uploaded', text: 'Uploaded ' + path + '.' }));
      fileInput.value = '';
      load(null);
    } catch (e) {
      notify(errorBox(e));
    }
  };
  const mkdir = async () => {
    const name = folder.value.trim();
    if (!name) return;
    try {
      await call('POST', '/v1/fs/mkdir', { json: { path: join(dir, name) } });
      folder.value = '';
      load(null);
    } catch (e) {
      notify(errorBox(e));
    }
  };
  more.addEventListener('click', () => load(next));

  show(main,
    el('h1', { text: 'Files' }),
    crumbs(dir),
    el('div', { class: 'toolbar' },
      fileInput, el('button', { id: 'upload-submit', type: 'button', text: 'Upload', onclick: upload }),
      folder, el('button', { id: 'mkdir-submit', type: 'button', text: 'New folder', onclick: mkdir })),
    message,
    el('table', { id: 'entries' },
      el('thead', {}, el('tr', {}, el('th', { text: 'Name' }), el('th', { class: 'num', text: 'Size' }),
        el('th', { text: 'Modified' }), el('th', {}), el('th', {}))),
      rows),
    more,
    detail);
  load(null);
  return () => {
    stopped = true;
  };
}

function normalise(path) {
  const p = '/' + path.split('/').filter((s) => s.length > 0).join('/');
  return p;
}

function join(dir, name) {
  return dir === '/' ? '/' + name : dir + '/' + name;
}

function crumbs(dir) {
  const parts = dir.split('/').filter((s) => s.length > 0);
  const nav = el('div', { class: 'crumbs', id: 'crumbs' },
    el('a', { href: '#/browse?path=%2F', text: '/' }));
  let at = '';
  parts.forEach((p, i) => {
    at += '/' + p;
    if (i > 0) nav.append(el('span', { class: 'sep', text: '/' }));
    nav.append(el('a', { href: '#/browse?path=' + encodeURIComponent(at), text: p }));
  });
  return nav;
}
