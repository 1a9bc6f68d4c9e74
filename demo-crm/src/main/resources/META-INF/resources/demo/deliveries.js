// The administrator's webhook deliveries, from Dialbridge's REST API with the CRM's session,
// refreshed twice a second. Everything shown is set as text, never as HTML.
const table = document.getElementById('deliveries');
const body = table.querySelector('tbody');
const statusLine = document.getElementById('deliveries-status');
const outcome = document.getElementById('outcome');
const API = table.dataset.apiBase;

// each reason in words: what the provider should fix, or that all is well
const WHY = {
  stored: 'stored',
  duplicate: 'already stored (a redelivery)',
  webhook_unauthenticated: 'refused: the credentials are wrong or missing',
  webhook_unparseable: 'refused: the body does not fit the provider\'s format',
  method_not_allowed: 'refused: not a POST',
  body_too_large: 'refused: over 64 KiB',
  unsupported_media_type: 'refused: not JSON or a form',
  store_unavailable: 'not stored: the database is down (the provider retries)',
  internal_error: 'not stored: an error (the provider retries)'
};

function cell(text, className) {
  const td = document.createElement('td');
  if (className) td.className = className;
  td.textContent = text ?? '';
  return td;
}

async function load() {
  const query = outcome.value ? `?outcome=${encodeURIComponent(outcome.value)}` : '';
  try {
    const res = await fetch(`${API}admin/deliveries${query}`, {
      credentials: 'same-origin', headers: { Accept: 'application/json' }
    });
    const page = await res.json();
    if (!res.ok) throw new Error(page.detail || 'HTTP ' + res.status);
    body.replaceChildren(...page.deliveries.map(d => {
      const tr = document.createElement('tr');
      tr.className = d.answer === 204 ? 'good' : 'bad';
      tr.dataset.reason = d.reason;
      const why = (WHY[d.reason] || d.reason) + (d.field ? ` (field ${d.field})` : '')
        + (d.detail ? ` — ${d.detail}` : '');
      tr.append(cell(new Date(d.at).toLocaleTimeString()), cell(d.provider), cell(String(d.answer)),
        cell(why), cell(d.events.join(', ')), cell(d.remoteAddress));
      return tr;
    }));
    statusLine.textContent = page.deliveries.length ? '' : 'No deliveries yet.';
  } catch (error) {
    statusLine.textContent = `Could not load the deliveries: ${error.message}`;
  }
}

outcome.addEventListener('change', load);
load();
setInterval(load, 500);
