// The member list of one audience (a class of a dimension), a page at a time from /api/audiences, with the fields an ops
// person acts on; each member links to the agent view. Shared by the dashboard (a class's bar) and the segments page.
import { escapeHtml } from './session.js';

export const pageSize = 25;
export const memberFields = ['email', 'lifecycle', 'rfm', 'value', 'satisfaction', 'monetary', 'frequency', 'recency'];

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export class MembersPanel {
  constructor(session) {
    this.session = session;
    if (!document.getElementById('members')) document.body.insertAdjacentHTML('beforeend', membersDialog);
    this.dialog = document.getElementById('members');
    this.dialog.querySelector('[data-action="close"]').addEventListener('click', () => this.dialog.close());
    this.dialog.querySelector('[data-action="previous"]').addEventListener('click', () => this.turn(-1));
    this.dialog.querySelector('[data-action="next"]').addEventListener('click', () => this.turn(1));
    for (const button of this.dialog.querySelectorAll('[data-export]')) button.addEventListener('click', () => this.download(button.dataset.export));
  }

  path(query) {
    return `/api/audiences/${encodeURIComponent(this.dimension)}/${encodeURIComponent(this.cls)}/members?${query}`;
  }

  async open(dimension, cls) {
    this.dimension = dimension;
    this.cls = cls;
    this.cursors = [null];
    this.page = 0;
    this.dialog.querySelector('.members-title').textContent = `${dimension} · ${cls}`;
    if (!this.dialog.open) this.dialog.showModal();
    await this.load();
  }

  async turn(step) {
    const next = this.page + step;
    if (next < 0 || (step > 0 && !this.cursors[next])) return;
    this.page = next;
    await this.load();
  }

  async load() {
    const query = new URLSearchParams({ limit: pageSize, fields: memberFields.join(',') });
    const cursor = this.cursors[this.page];
    if (cursor) query.set('cursor', cursor);
    const status = this.dialog.querySelector('.members-status');
    status.textContent = 'loading…';
    let data;
    try {
      data = await this.session.get(this.path(query));
    } catch (e) {
      status.textContent = `The list could not be read (${e.message}).`;
      return;
    }
    if (!data) { status.textContent = `There is no dimension ${this.dimension}.`; return; }
    this.cursors[this.page + 1] = data.next;
    const pages = Math.max(1, Math.ceil(data.count / pageSize));
    status.textContent = `${data.count.toLocaleString()} customers · page ${this.page + 1} of ${pages}`;
    this.dialog.dataset.page = String(this.page + 1);
    this.dialog.dataset.count = String(data.count);
    this.dialog.querySelector('[data-action="previous"]').disabled = this.page === 0;
    this.dialog.querySelector('[data-action="next"]').disabled = !data.next;
    this.dialog.querySelector('thead').innerHTML =
      `<tr><th>customer</th>${memberFields.map(f => `<th>${escapeHtml(f)}</th>`).join('')}</tr>`;
    this.dialog.querySelector('tbody').innerHTML = data.members.map(member => `
      <tr data-customer="${escapeHtml(member.customerId)}">
        <td><a href="/agent?customer=${encodeURIComponent(member.customerId)}" target="_blank" rel="noopener">${escapeHtml(member.customerId)}</a></td>
        ${memberFields.map(f => `<td>${escapeHtml(typeof member[f] === 'number' ? numberFormat.format(member[f]) : member[f] ?? '—')}</td>`).join('')}
      </tr>`).join('') || `<tr><td colspan="${memberFields.length + 1}" class="muted">No customer is in this class now.</td></tr>`;
  }

  // The export needs the key in a header, which a plain link cannot send: fetched, then saved from memory.
  async download(format) {
    const response = await fetch(this.path(new URLSearchParams({ format, fields: memberFields.join(',') })),
      { headers: { Authorization: `Bearer ${this.session.key}` } });
    if (!response.ok) { this.dialog.querySelector('.members-status').textContent = `The export failed (${response.status}).`; return; }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `audience-${this.dimension}-${this.cls}.${format}`.replace(/[^A-Za-z0-9._-]/g, '_');
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }
}

/** The dialog the panel fills, added to the page once. */
const membersDialog = `
  <dialog id="members" class="members card" aria-labelledby="members-title">
    <header><h3 id="members-title" class="members-title"></h3><button type="button" data-action="close" class="secondary">Close</button></header>
    <p class="members-status muted"></p>
    <div class="members-table"><table><thead></thead><tbody></tbody></table></div>
    <footer>
      <button type="button" data-action="previous">← Previous</button>
      <button type="button" data-action="next">Next →</button>
      <span class="spacer"></span>
      <button type="button" data-export="csv" class="secondary">Export CSV</button>
      <button type="button" data-export="ndjson" class="secondary">Export NDJSON</button>
    </footer>
  </dialog>`;
