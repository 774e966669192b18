// Sign-in with an API key, kept in sessionStorage (gone when the tab closes). The page shows nothing of any profile
// before the key is accepted; the server checks the key and role on every call, this only explains refusals early.
import { HubPath } from './hub-names.js';

const storageKey = 'profiles.apiKey';

export class Session {
  constructor({ roles, pageName, onSignedIn }) {
    this.roles = roles;
    this.pageName = pageName;
    this.onSignedIn = onSignedIn;
    this.gate = document.getElementById('signin');
    this.app = document.getElementById('app');
    this.message = document.getElementById('signin-message');
    this.input = document.getElementById('api-key');
    this.gate.addEventListener('submit', e => { e.preventDefault(); this.tryKey(this.input.value.trim()); });
    document.getElementById('signout')?.addEventListener('click', () => this.signOut(''));
  }

  start() {
    const saved = sessionStorage.getItem(storageKey);
    if (saved) this.tryKey(saved); else this.showGate('');
  }

  get key() { return sessionStorage.getItem(storageKey) ?? ''; }

  async tryKey(key) {
    if (!key) { this.showGate('Enter an API key.'); return; }
    let response;
    try {
      response = await fetch('/api/session', { headers: { Authorization: `Bearer ${key}` } });
    } catch {
      this.showGate('The service cannot be reached. Try again in a moment.');
      return;
    }
    if (response.status === 401) { sessionStorage.removeItem(storageKey); this.showGate('That API key is not known (401). Check it and try again.'); return; }
    if (!response.ok) { this.showGate(`Sign-in failed: the service answered ${response.status}.`); return; }
    const { role } = await response.json();
    if (!this.roles.includes(role)) {
      sessionStorage.removeItem(storageKey);
      this.showGate(`The ${this.pageName} needs a key with the ${this.roles.join(' or ')} role; this key has the ${role} role (403).`);
      return;
    }
    sessionStorage.setItem(storageKey, key);
    this.role = role;
    this.input.value = '';
    this.gate.hidden = true;
    this.app.hidden = false;
    document.getElementById('whoami').textContent = `signed in as ${role}`;
    this.onSignedIn(this);
  }

  signOut(message) {
    sessionStorage.removeItem(storageKey);
    // A reload drops every profile and connection the page held.
    if (message) sessionStorage.setItem('profiles.signinMessage', message);
    location.reload();
  }

  showGate(message) {
    this.app.hidden = true;
    this.gate.hidden = false;
    const carried = sessionStorage.getItem('profiles.signinMessage');
    sessionStorage.removeItem('profiles.signinMessage');
    this.message.textContent = message || carried || '';
    this.input.focus();
  }

  /** GET a JSON API with the key; 401 and 403 end the session with a message, 404 answers null. */
  async get(path) {
    const response = await fetch(path, { headers: { Authorization: `Bearer ${this.key}` } });
    if (response.status === 401) { this.signOut('The API key was refused (401); sign in again.'); throw new Error('401'); }
    if (response.status === 403) { this.signOut(`This key may not read ${path} (403): the ${this.pageName} needs the ${this.roles.join(' or ')} role.`); throw new Error('403'); }
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return response.json();
  }

  /** Like get, but a 409 answers its problem body as { conflict } instead of throwing. */
  async getOrConflict(path) {
    const response = await fetch(path, { headers: { Authorization: `Bearer ${this.key}` } });
    if (response.status === 409) return { conflict: await response.json() };
    if (response.status === 401 || response.status === 403) return this.get(path);
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return response.json();
  }

  /** A SignalR connection to the hub that reconnects forever and reports its state to the page's indicator. */
  connect(onConnected) {
    const indicator = document.getElementById('connection');
    const show = (state, text) => { indicator.dataset.state = state; indicator.textContent = text; };
    const connection = new signalR.HubConnectionBuilder()
      .withUrl(HubPath, { accessTokenFactory: () => this.key })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(10000, 500 * 2 ** Math.min(ctx.previousRetryCount, 5)) })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    connection.onreconnecting(() => show('reconnecting', 'reconnecting…'));
    connection.onreconnected(async () => { show('connected', 'live'); await onConnected(connection); });
    const start = async () => {
      show('connecting', 'connecting…');
      try {
        await connection.start();
        show('connected', 'live');
        await onConnected(connection);
      } catch {
        show('disconnected', 'offline — retrying');
        setTimeout(start, 3000);
      }
    };
    connection.onclose(() => { show('disconnected', 'offline — retrying'); setTimeout(start, 3000); });
    start();
    return connection;
  }
}

export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

export function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
