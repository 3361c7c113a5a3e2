// Every call of the console: the /v1 API with the user's bearer from sessionStorage, never a cookie.
const KEY = 'godfs.console.credential';

export function credential() {
  return sessionStorage.getItem(KEY);
}

export function setCredential(value) {
  sessionStorage.setItem(KEY, value);
}

export function clearCredential() {
  sessionStorage.removeItem(KEY);
}

/** A refusal of the gateway or the masters: its HTTP status, code and message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Calls the API; answers the Response when it is 2xx, else throws an ApiError. */
export async function call(method, path, { query = {}, json, body, headers = {} } = {}) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
  }
  const h = new Headers(headers);
  const c = credential();
  if (c) h.set('Authorization', 'Bearer ' + c);
  let payload = body;
  if (json !== undefined) {
    h.set('Content-Type', 'application/json');
    payload = JSON.stringify(json);
  }
  const res = await fetch(url, {
    method, headers: h, body: payload, credentials: 'omit', cache: 'no-store',
  });
  if (!res.ok) {
    let message = res.status + ' ' + res.statusText;
    let code = '';
    try {
      const e = await res.json();
      message = e.error || message;
      code = e.code || '';
    } catch (ignored) {
      // not a JSON error body
    }
    if (res.status === 401) {
      clearCredential();
      window.dispatchEvent(new Event('godfs-logged-out'));
    }
    throw new ApiError(res.status, code, message);
  }
  return res;
}

export async function getJson(path, query) {
  return (await call('GET', path, { query })).json();
}

export async function postJson(path, json, query) {
  return (await call('POST', path, { json, query })).json();
}
