// Runtime segments with their backfill progress (GET /api/segments), as a compact list: on the dashboard, and the
// segments page's table is built from the same answer.
import { escapeHtml } from './session.js';

export function percent(backfill) {
  return backfill ? Math.floor(backfill.fraction * 100) : 100;
}

export function progressBar(backfill) {
  if (!backfill) return '<span class="muted">configuration</span>';
  const value = percent(backfill);
  const label = backfill.done ? 'done' : `${value}% · ${backfill.walked.toLocaleString()} of ${backfill.total.toLocaleString()}`;
  return `<span class="progress" data-done="${backfill.done}"><progress max="100" value="${value}"></progress> <span class="progress-label">${escapeHtml(label)}</span></span>`;
}

/** Renders the segments into a list element, each with its members and backfill progress. */
export function renderSegmentList(list, segments) {
  list.innerHTML = segments.map(s => `
    <li data-segment="${escapeHtml(s.name)}" data-done="${s.backfill ? s.backfill.done : true}">
      <b>${escapeHtml(s.name)}</b> <span class="count">${s.members.toLocaleString()}</span> members ${progressBar(s.backfill)}
    </li>`).join('') || '<li class="muted">No custom segments.</li>';
}
