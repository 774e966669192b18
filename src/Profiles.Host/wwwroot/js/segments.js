// The segments page: every custom segment with its members and backfill progress (polled while a backfill runs), and,
// for admins, a form that defines or redefines one (PUT /api/segments/{name}) and buttons that remove them.
import { Session, escapeHtml, formatTime } from './session.js';
import { MembersPanel } from './members-panel.js';
import { progressBar } from './segment-progress.js';

const busyPollMs = 1000;
const idlePollMs = 5000;

let members = null;
let timer = null;
let editing = null;

const session = new Session({ roles: ['admin', 'ops'], pageName: 'segments page', onSignedIn: start });
session.start();

function start() {
  members = new MembersPanel(session);
  const admin = session.role === 'admin';
  document.getElementById('editor').hidden = !admin;
  document.getElementById('editor-title').hidden = !admin;
  document.getElementById('read-only').hidden = admin;
  document.getElementById('editor').addEventListener('submit', event => { event.preventDefault(); save(); });
  document.getElementById('segment-new').addEventListener('click', () => edit(null));
  document.getElementById('segments-table').addEventListener('click', event => {
    const button = event.target.closest('button[data-action]');
    const row = event.target.closest('tr[data-segment]');
    if (!row) return;
    if (event.target.closest('[data-members]')) members.open(`segment:${row.dataset.segment}`, 'member');
    else if (button?.dataset.action === 'edit') edit({ name: row.dataset.segment, condition: row.dataset.condition });
    else if (button?.dataset.action === 'delete') remove(row.dataset.segment);
  });
  refresh();
}

async function refresh() {
  clearTimeout(timer);
  let busy = false;
  try {
    const catalog = await session.get('/api/segments');
    render(catalog);
    busy = catalog.segments.some(s => s.backfill && !s.backfill.done);
  } catch (e) {
    console.warn('could not read the segments', e);
  }
  timer = setTimeout(refresh, busy ? busyPollMs : idlePollMs);
}

function render(catalog) {
  const admin = session.role === 'admin';
  document.querySelector('#segments-table tbody').innerHTML = catalog.segments.map(s => `
    <tr data-segment="${escapeHtml(s.name)}" data-condition="${escapeHtml(s.condition)}" data-source="${escapeHtml(s.source)}">
      <td><b>${escapeHtml(s.name)}</b><br><span class="small muted">${s.source === 'runtime' ? `defined ${escapeHtml(formatTime(s.definedAt))}` : 'configuration'}</span></td>
      <td class="condition"><code>${escapeHtml(s.condition)}</code></td>
      <td><a href="#" data-members class="count">${s.members.toLocaleString()}</a></td>
      <td>${progressBar(s.backfill)}</td>
      <td>${admin && s.source === 'runtime'
        ? '<button type="button" class="secondary" data-action="edit">Edit</button> <button type="button" class="secondary" data-action="delete">Delete</button>'
        : ''}</td>
    </tr>`).join('') || '<tr><td colspan="5" class="muted">No custom segments yet.</td></tr>';
  const runtime = catalog.segments.filter(s => s.source === 'runtime').length;
  document.getElementById('catalog').textContent =
    `Catalog version ${catalog.catalogVersion} · ${runtime} of at most ${catalog.maxRuntimeSegments} runtime segments`;
}

function edit(segment) {
  editing = segment?.name ?? null;
  document.getElementById('editor-title').textContent = editing ? `Edit ${editing}` : 'Define a segment';
  const name = document.getElementById('segment-name');
  name.value = segment?.name ?? '';
  name.readOnly = !!editing;
  document.getElementById('segment-condition').value = segment?.condition ?? '';
  showProblem('', null);
}

async function save() {
  const name = document.getElementById('segment-name').value.trim();
  const condition = document.getElementById('segment-condition').value;
  showProblem('', null);
  const response = await fetch(`/api/segments/${encodeURIComponent(name)}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${session.key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ condition }),
  });
  if (response.status === 401 || response.status === 403) { session.signOut(`The key may not define segments (${response.status}).`); return; }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    showProblem(problem.detail ?? `The service answered ${response.status}.`, problem.position ?? null);
    return;
  }
  const saved = await response.json();
  document.getElementById('segment-message').textContent = '';
  document.getElementById('editor').dataset.saved = saved.name;
  edit(saved);
  refresh();
}

async function remove(name) {
  if (!confirm(`Remove the segment ${name}? Every customer drops its class.`)) return;
  const response = await fetch(`/api/segments/${encodeURIComponent(name)}`, { method: 'DELETE', headers: { Authorization: `Bearer ${session.key}` } });
  if (!response.ok && response.status !== 404) {
    const problem = await response.json().catch(() => ({}));
    showProblem(problem.detail ?? `The service answered ${response.status}.`, null);
    return;
  }
  if (editing === name) edit(null);
  refresh();
}

// A condition that cannot be read: the problem, and a caret under the position the service named.
function showProblem(detail, position) {
  document.getElementById('segment-message').textContent = detail;
  const caret = document.getElementById('segment-caret');
  caret.hidden = position == null;
  if (position != null) {
    const condition = document.getElementById('segment-condition').value;
    caret.textContent = `${condition}\n${' '.repeat(Math.max(0, position - 1))}^`;
  }
}
