// The console's router: #/<page>?<params>; without a credential, the login page.
import { clearCredential, credential } from './api.js';
import * as browse from './browse.js';
import * as fsck from './fsck.js';
import * as login from './login.js';
import * as nodes from './nodes.js';
import * as overview from './overview.js';
import * as repairs from './repairs.js';

const PAGES = { overview, browse, nodes, fsck, repairs };
let cleanup = () => {};

function route() {
  cleanup();
  const main = document.getElementById('main');
  const hash = window.location.hash.replace(/^#\/?/, '');
  const q = hash.indexOf('?');
  const name = q < 0 ? hash : hash.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : hash.slice(q + 1));
  const loggedIn = !!credential();
  document.getElementById('nav').hidden = !loggedIn;
  document.getElementById('logout').hidden = !loggedIn;
  if (!loggedIn) {
    cleanup = login.render(main);
    return;
  }
  const page = PAGES[name] ? name : 'overview';
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.dataset.page === page);
  }
  cleanup = PAGES[page].render(main, params) || (() => {});
}

document.getElementById('logout').addEventListener('click', () => {
  clearCredential();
  window.location.hash = '#/login';
  route();
});
window.addEventListener('hashchange', route);
window.addEventListener('godfs-logged-out', route);
route();
