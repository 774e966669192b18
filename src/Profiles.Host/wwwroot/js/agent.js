// The support agent's view of one customer: the live profile card and timeline. On every ProfileChanged for the
// customer the profile is read again and whatever changed flashes; a ProfileRemoved says the profile was erased.
import { HubMethods, ClientMessages } from './hub-names.js';
import { Session, escapeHtml, formatTime } from './session.js';

const satisfactionKinds = ['Survey Responded', 'Feedback Submitted', 'Product Reviewed', 'Ticket Opened', 'Ticket Resolved'];
const knownDimensions = ['lifecycle', 'rfm', 'churnRisk', 'cluster', 'satisfaction', 'nps', 'value', 'purchasingPower', 'engagement', 'socialRole', 'geography', 'ageBand'];

let connection = null;
let current = null;        // the customer id shown
let previous = new Map();  // data-field -> text, to flash what changed
let refetch = null;

const session = new Session({ roles: ['agent', 'admin'], pageName: 'agent view', onSignedIn: start });
session.start();

function start() {
  connection = session.connect(async () => { if (current) await subscribe(current); });
  connection.on(ClientMessages.ProfileChanged, change => {
    if (change.customerId !== current) return;
    document.querySelectorAll(`[data-class-dimension="${CSS.escape(change.dimension)}"]`).forEach(flash);
    // Several changes of one event arrive together: read the profile once.
    clearTimeout(refetch);
    refetch = setTimeout(() => load(current, { live: true }), 150);
  });
  connection.on(ClientMessages.ProfileRemoved, removal => {
    if (removal.customerId !== current) return;
    clearTimeout(refetch);
    showErased(removal);
  });
  document.getElementById('lookup').addEventListener('submit', e => {
    e.preventDefault();
    const id = document.getElementById('customer-id').value.trim();
    if (id) load(id, { live: false });
  });
  const fromUrl = new URLSearchParams(location.search).get('customer');
  if (fromUrl) { document.getElementById('customer-id').value = fromUrl; load(fromUrl, { live: false }); }
}

async function load(id, { live }) {
  const status = document.getElementById('lookup-status');
  if (!live) status.textContent = 'Looking up…';
  let profile;
  try {
    profile = await session.get(`/api/customers/${encodeURIComponent(id)}`);
    // Not an id: an e-mail address is looked up explicitly, and several customers may claim it.
    if (!profile && !live && id.includes('@')) profile = await session.getOrConflict(`/api/customers?email=${encodeURIComponent(id)}`);
  } catch (e) {
    status.textContent = `Could not read the profile: ${e.message}`;
    return;
  }
  if (profile?.conflict) {
    const candidates = profile.conflict.candidates ?? [];
    status.innerHTML = `${escapeHtml(candidates.length)} customers claim “${escapeHtml(id)}”; choose one: ` +
      candidates.map(c => `<a href="?customer=${encodeURIComponent(c.customerId)}" data-candidate="${escapeHtml(c.customerId)}">${escapeHtml(c.customerId)}</a>`).join(', ');
    document.getElementById('profile').hidden = true;
    return;
  }
  if (!profile) {
    status.textContent = `No customer is known as “${id}”.`;
    document.getElementById('profile').hidden = true;
    return;
  }
  status.textContent = '';
  if (profile.customerId !== current) {
    if (current && connection.state === 'Connected') await connection.invoke(HubMethods.UnsubscribeCustomer, current).catch(() => {});
    current = profile.customerId;
    previous = new Map();
    if (connection.state === 'Connected') await subscribe(current).catch(() => {});
  }
  render(profile, live);
}

async function subscribe(customerId) {
  await connection.invoke(HubMethods.SubscribeCustomer, customerId);
  // Lets a watcher (and the browser tests) see that changes of this customer now arrive live.
  document.getElementById('app').dataset.live = customerId;
}

function render(p, live) {
  const card = document.getElementById('profile');
  card.hidden = false;
  card.innerHTML = `
    <header class="card profile-head">
      <div>
        <h2 data-field="customerId">${escapeHtml(p.customerId)}</h2>
        <p class="muted">${escapeHtml(p.traits?.email ?? '')} ${escapeHtml([p.traits?.['address.city'], p.traits?.['address.country']].filter(Boolean).join(', '))}
          ${p.identities?.length ? `· also known as ${p.identities.map(escapeHtml).join(', ')}` : ''}
          ${p.refusedIdentities?.length ? `· <span data-field="refusedIdentities" title="a call linked these ids to this customer; each is another known customer, so nothing was merged">refused links: ${p.refusedIdentities.map(escapeHtml).join(', ')}</span>` : ''}</p>
      </div>
      <div class="badges">
        ${badge('lifecycle', 'lifecycle', p.lifecycle)}
        ${badge('rfm', 'segment', p.segment)}
        ${badge('satisfaction', 'satisfaction', p.satisfaction)}
        ${badge('nps', 'NPS', p.nps)}
        ${badge('value', 'value tier', p.valueTier)}
        ${badge('purchasingPower', 'purchasing power', p.purchasingPower)}
        ${badge('churnRisk', 'churn risk', p.classes?.churnRisk?.value ?? 'unknown')}
      </div>
      <p class="muted small">as of <span data-field="asOf">${escapeHtml(formatTime(p.asOf))}</span> · <span data-field="eventsApplied">${p.eventsApplied}</span> events</p>
    </header>
    <div class="profile-grid">
      <section class="card"><h3>Scores</h3>${scores(p)}</section>
      <section class="card"><h3>Value</h3>${value(p)}</section>
      <section class="card"><h3>Satisfaction</h3>${satisfaction(p)}</section>
      <section class="card wide predictions"><h3>Predictions</h3>${predictions(p)}</section>
      <section class="card wide"><h3>Recommended actions</h3>${recommendations(p)}</section>
      <section class="card wide"><h3>Classes and why</h3>${classes(p)}</section>
      <section class="card wide"><h3>Timeline</h3>${timeline(p)}</section>
    </div>`;
  const now = new Map([...card.querySelectorAll('[data-field]')].map(e => [e.dataset.field, e.textContent]));
  if (live) {
    for (const element of card.querySelectorAll('[data-field]')) {
      const field = element.dataset.field;
      if (field !== 'asOf' && previous.has(field) && previous.get(field) !== now.get(field)) flash(element);
    }
    for (const field of now.keys()) if (field.startsWith('event:') && !previous.has(field)) flash(card.querySelector(`[data-field="${CSS.escape(field)}"]`));
  }
  previous = now;
}

// The customer was erased (GDPR): nothing of the profile stays on screen. The subscription stays, so a fresh profile
// started by later events under the same id shows up again.
function showErased(removal) {
  const card = document.getElementById('profile');
  card.hidden = false;
  card.innerHTML = `<section class="card erased" data-erased="${escapeHtml(removal.customerId)}">
    <h2>${escapeHtml(removal.customerId)}</h2>
    <p><b>This customer's profile was erased</b> at ${escapeHtml(formatTime(removal.at))}. Nothing of it is kept.</p></section>`;
  previous = new Map();
  document.getElementById('lookup-status').textContent = '';
}

function flash(element) {
  if (!element) return;
  element.classList.remove('flash');
  void element.offsetWidth; // restart the animation
  element.classList.add('flash', 'changed');
}

function badge(dimension, label, value) {
  return `<span class="badge" data-class-dimension="${dimension}" data-value="${escapeHtml(value)}">
    <small>${escapeHtml(label)}</small><b data-field="class:${dimension}">${escapeHtml(value)}</b></span>`;
}

function scores(p) {
  const reasons = (p.classes?.rfm?.reason ?? '').split(/;\s*/);
  const reasonOf = letter => reasons.find(r => r.startsWith(`${letter} =`)) ?? '';
  const row = (letter, name, score, raw) => `
    <tr><th>${name}</th><td class="score" data-field="score:${letter}">${score ?? '—'}</td>
      <td data-field="raw:${letter}">${escapeHtml(raw)}</td><td class="reason">${escapeHtml(reasonOf(letter))}</td></tr>`;
  return `<table class="kv">
    ${row('R', 'Recency', p.scores?.r, p.recency == null ? 'no orders' : `${p.recency} days`)}
    ${row('F', 'Frequency', p.scores?.f, `${p.frequency} orders / ${p.rfmWindowDays} days`)}
    ${row('M', 'Monetary', p.scores?.m, money(p.monetary))}
  </table>`;
}

function value(p) {
  const o = p.orders ?? {};
  return `<table class="kv">
    <tr><th>Value tier</th><td data-field="valueTier">${escapeHtml(p.valueTier)}</td></tr>
    <tr><th>Purchasing power</th><td data-field="purchasingPower">${escapeHtml(p.purchasingPower)}</td></tr>
    <tr><th>Lifetime revenue</th><td data-field="lifetimeRevenue">${money(o.lifetimeRevenue)}</td></tr>
    <tr><th>Orders</th><td data-field="orders">${o.lifetime ?? 0}</td></tr>
    <tr><th>Last order</th><td>${o.lastOrderAt ? escapeHtml(formatTime(o.lastOrderAt)) : '—'}</td></tr>
    <tr><th>Reactivations</th><td>${o.reactivations ?? 0}</td></tr>
  </table>`;
}

function satisfaction(p) {
  const f = p.feedback ?? {};
  const trend = f.latestCsat == null || f.averageCsat == null ? 'steady'
    : f.latestCsat > f.averageCsat + 0.05 ? 'improving' : f.latestCsat < f.averageCsat - 0.05 ? 'worsening' : 'steady';
  const recent = (p.recentEvents ?? []).filter(e => satisfactionKinds.includes(e.kind))
    .sort((a, b) => new Date(a.timestamp) - new Date(b.timestamp)).slice(-8);
  return `<table class="kv">
    <tr><th>Class</th><td data-field="satisfaction">${escapeHtml(p.satisfaction)} · ${escapeHtml(p.nps)}</td></tr>
    <tr><th>Trend</th><td data-field="trend" class="trend ${trend}">${trend}</td></tr>
    <tr><th>CSAT</th><td data-field="csat">latest ${f.latestCsat ?? '—'} · average ${f.averageCsat == null ? '—' : f.averageCsat.toFixed(1)} · ${f.surveys ?? 0} surveys</td></tr>
    <tr><th>NPS</th><td data-field="npsScore">${f.latestNps ?? '—'}</td></tr>
    <tr><th>Tickets</th><td data-field="tickets">${f.openTickets ?? 0} open · ${f.breachedTickets ?? 0} breached SLA</td></tr>
    <tr><th>Sentiment</th><td data-field="sentiment">${escapeHtml(f.latestSentiment ?? '—')}</td></tr>
  </table>
  <ol class="trendline">${recent.map(e => `<li title="${escapeHtml(formatTime(e.timestamp))}">${escapeHtml(e.description || e.kind)}</li>`).join('')}</ol>`;
}

// What the population models (BG/NBD, Gamma-Gamma) expect of this customer, and its discovered cluster.
function predictions(p) {
  const cluster = p.classes?.cluster?.value ?? 'unknown';
  const r = p.predictions;
  if (!r) {
    return `<p class="muted" data-field="predictions">${p.orders?.lifetime ? 'No population model fitted yet.' : 'No purchase yet: nothing to predict.'}
      Cluster: <b data-field="cluster">${escapeHtml(cluster)}</b></p>`;
  }
  const fixed = (value, digits) => value == null ? '—' : Number(value).toFixed(digits);
  return `<table class="kv">
    <tr><th>Still a customer (P(alive))</th><td data-field="pAlive">${fixed(r.pAlive * 100, 1)}%</td>
      <th>Cluster</th><td data-field="cluster">${escapeHtml(cluster)}</td></tr>
    <tr><th>Expected purchases</th><td data-field="expectedPurchases">${fixed(r.expectedPurchases30, 2)} in 30 days · ${fixed(r.expectedPurchases90, 2)} in 90 · ${fixed(r.expectedPurchases365, 2)} in 365</td>
      <th>Expected order value</th><td data-field="expectedOrderValue">${money(r.expectedOrderValue)}</td></tr>
    <tr><th>Lifetime value (${r.clvHorizonMonths} months, ${fixed(r.monthlyDiscountRate * 100, 1)}% a month)</th><td data-field="clv">${money(r.clv)}</td>
      <th>Model</th><td class="muted">v${r.modelVersion}</td></tr>
  </table>`;
}

function recommendations(p) {
  const list = p.recommendations ?? [];
  if (!list.length) return '<p class="muted">No recommended action.</p>';
  return `<table class="list"><thead><tr><th>Priority</th><th>Action</th><th>Channel</th><th>Because</th></tr></thead><tbody>
    ${list.map(r => `<tr data-field="rec:${escapeHtml(r.dimension)}"><td class="priority">${r.priority}</td><td><b>${escapeHtml(r.action)}</b></td>
      <td><span class="channel">${escapeHtml(r.channel)}</span></td><td class="reason">${escapeHtml(r.reason)}</td></tr>`).join('')}
  </tbody></table>`;
}

function classes(p) {
  const entries = Object.entries(p.classes ?? {}).sort((a, b) => {
    const ia = knownDimensions.indexOf(a[0]), ib = knownDimensions.indexOf(b[0]);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a[0].localeCompare(b[0]);
  });
  return `<table class="list"><thead><tr><th>Dimension</th><th>Class</th><th>Why</th><th>Since</th></tr></thead><tbody>
    ${entries.map(([dimension, c]) => `<tr data-class-dimension="${escapeHtml(dimension)}" data-field="classrow:${escapeHtml(dimension)}">
      <td>${escapeHtml(dimension)}${knownDimensions.includes(dimension) ? '' : ' <small class="muted">segment</small>'}</td>
      <td><b>${escapeHtml(c.value)}</b></td><td class="reason">${escapeHtml(c.reason)}</td>
      <td class="small">${escapeHtml(formatTime(c.since))}</td></tr>`).join('')}
  </tbody></table>`;
}

function timeline(p) {
  const events = [...(p.recentEvents ?? [])].sort((a, b) => new Date(b.timestamp) - new Date(a.timestamp));
  if (!events.length) return '<p class="muted">No events yet.</p>';
  return `<ol class="timeline">${events.map(e => `
    <li data-field="event:${escapeHtml(e.messageId)}"><time>${escapeHtml(formatTime(e.timestamp))}</time>
      <b>${escapeHtml(e.kind)}</b> <span>${escapeHtml(e.description)}</span></li>`).join('')}</ol>`;
}

function money(amount) {
  return amount == null ? '—' : Number(amount).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
