// The contact page's own script: the provider selector and the call-history timeline, both read
// from Dialbridge's REST API with the CRM's session. Everything shown is set as text, never as HTML.
const history = document.getElementById('history');
const statusLine = document.getElementById('history-status');
const older = document.getElementById('older');
const select = document.getElementById('provider');
const API = history.dataset.apiBase;
const CONTACT = history.dataset.contactId;
const STORED = 'dialbridge-demo.provider';
const PAGE = 10;

// The history in the page's language: each outcome in words, the provider's own cause only in the events.
const LANGUAGES = {
  en: {
    DIALING: 'Dialing', RINGING: 'Ringing', ANSWERED: 'On call', COMPLETED: 'Completed', BUSY: 'Busy',
    NO_ANSWER: 'No answer', CANCELED: 'Canceled', REJECTED: 'Rejected', FAILED: 'Failed',
    NORMAL_CLEARING: 'hung up normally', INVALID_NUMBER: 'the number does not exist', NETWORK_FAILURE: 'network failure',
    NO_FINAL_EVENT: 'the provider never said how it ended', PROVIDER_ERROR: 'the provider reported an error',
    CAUSE_BUSY: 'the line was busy', CAUSE_NO_ANSWER: 'nobody answered', CAUSE_CANCELED: 'hung up before an answer',
    CAUSE_REJECTED: 'the call was rejected', via: 'via', by: 'by', outside: 'someone outside the CRM', talked: 'talked',
    callBack: 'call back', followedUp: 'called back', refused: 'the provider refused it',
    incoming: 'Incoming', missed: 'Missed'
  },
  es: {
    DIALING: 'Marcando', RINGING: 'Sonando', ANSWERED: 'En llamada', COMPLETED: 'Completada', BUSY: 'Ocupado',
    NO_ANSWER: 'Sin respuesta', CANCELED: 'Cancelada', REJECTED: 'Rechazada', FAILED: 'Fallida',
    NORMAL_CLEARING: 'colgó con normalidad', INVALID_NUMBER: 'el número no existe', NETWORK_FAILURE: 'falla de red',
    NO_FINAL_EVENT: 'el proveedor nunca dijo cómo terminó', PROVIDER_ERROR: 'el proveedor informó un error',
    CAUSE_BUSY: 'la línea estaba ocupada', CAUSE_NO_ANSWER: 'nadie contestó', CAUSE_CANCELED: 'se colgó antes de contestar',
    CAUSE_REJECTED: 'la llamada fue rechazada', via: 'por', by: 'de', outside: 'alguien fuera del CRM', talked: 'habló',
    callBack: 'volver a llamar', followedUp: 'ya se devolvió', refused: 'el proveedor lo rechazó',
    incoming: 'Entrante', missed: 'Perdida'
  },
  'pt-BR': {
    DIALING: 'Discando', RINGING: 'Chamando', ANSWERED: 'Em ligação', COMPLETED: 'Concluída', BUSY: 'Ocupado',
    NO_ANSWER: 'Não atendeu', CANCELED: 'Cancelada', REJECTED: 'Recusada', FAILED: 'Falhou',
    NORMAL_CLEARING: 'desligou normalmente', INVALID_NUMBER: 'o número não existe', NETWORK_FAILURE: 'falha de rede',
    NO_FINAL_EVENT: 'a operadora nunca disse como terminou', PROVIDER_ERROR: 'a operadora informou um erro',
    CAUSE_BUSY: 'a linha estava ocupada', CAUSE_NO_ANSWER: 'ninguém atendeu', CAUSE_CANCELED: 'desligou antes de atender',
    CAUSE_REJECTED: 'a ligação foi recusada', via: 'via', by: 'por', outside: 'alguém fora do CRM', talked: 'falou',
    callBack: 'retornar', followedUp: 'já retornada', refused: 'a operadora recusou',
    incoming: 'Recebida', missed: 'Perdida'
  }
};
const LANG = document.documentElement.lang || 'en';
const WORDS = LANGUAGES[/^es/i.test(LANG) ? 'es' : /^pt/i.test(LANG) ? 'pt-BR' : 'en'];
const causeInWords = cause => WORDS[cause] || WORDS['CAUSE_' + cause] || '';
const LIVE = ['DIALING', 'RINGING', 'ANSWERED'];
const TONE = { COMPLETED: 'good', BUSY: 'meh', NO_ANSWER: 'meh', CANCELED: 'meh', REJECTED: 'bad', FAILED: 'bad' };

async function get(path) {
  const res = await fetch(API + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.detail || body.title || 'HTTP ' + res.status);
  return body;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

// the numbers as the page writes them (+51 1 555 1234), by E.164 (+5115551234)
const written = new Map([...document.querySelectorAll('a[href^="tel:"]')]
  .map(a => [decodeURIComponent(a.getAttribute('href').slice(4)), a.textContent.trim()]));

// providers and agents by their names: the API's labels, else the selector's (without its region)
const providerName = call => call.providerLabel
  || [...select.options].find(o => o.value === call.provider)?.textContent.replace(/ \(.*\)$/, '') || call.provider;
const agentName = call => call.agentName || call.agent || WORDS.outside;

const clock = s => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
const when = iso => iso ? new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'medium' }) : '';

// the dispositions' labels in the page's language, by code (GET /dispositions)
let labels = {};
const dispositions = get(`dispositions?lang=${encodeURIComponent(LANG)}`)
  .then(d => { labels = Object.fromEntries(d.dispositions.map(x => [x.code, x.label])); }, () => {});

// ---------------------------------------------------------------- provider selector

function applyProvider(name) {
  for (const node of document.querySelectorAll('click-to-call, [data-dialbridge-enhance]')) {
    if (name) node.setAttribute('provider', name);
    else node.removeAttribute('provider');
  }
}

async function initProviders() {
  try {
    const me = await get('me');
    const names = Object.keys(me.providers || {});
    if (names.length) {
      const labels = Object.fromEntries([...select.options].map(o => [o.value, o.textContent]));
      select.replaceChildren(...names.map(name => {
        const option = el('option', null, labels[name] || `${name} (${me.providers[name].type})`);
        option.value = name;
        return option;
      }));
    }
    let wanted = localStorage.getItem(STORED);
    if (!names.includes(wanted)) wanted = me.provider || names[0];
    if (wanted) select.value = wanted;
  } catch {
    // keep the options the page came with
  }
  applyProvider(select.value);
  select.dataset.ready = 'true';
}

select.addEventListener('change', () => {
  localStorage.setItem(STORED, select.value);
  applyProvider(select.value);
});

// ---------------------------------------------------------------- call history

function renderCall(call) {
  const live = LIVE.includes(call.status);
  const li = el('li', live ? 'live' : TONE[call.status] || '');
  li.dataset.callId = call.id;
  li.dataset.status = call.status;

  // an inbound call: who called, marked as such (and as missed when nobody answered)
  const inbound = call.direction === 'INBOUND';
  const number = inbound ? call.from : call.to;
  li.dataset.direction = call.direction || 'OUTBOUND';
  const line = el('div', 'call-line');
  if (inbound) line.append(el('span', 'badge inbound', call.inbound?.missed ? WORDS.missed : WORDS.incoming));
  line.append(el('span', 'badge', WORDS[call.status] || call.status), el('strong', null, written.get(number) || number || ''),
    el('span', 'muted', `${WORDS.via} ${providerName(call)}`), el('span', 'muted', `${WORDS.by} ${agentName(call)}`));

  const meta = [when(call.createdAt)];
  if (call.durationSeconds != null && call.answeredAt) meta.push(`${WORDS.talked} ${clock(call.durationSeconds)}`);
  if (call.cause) meta.push(causeInWords(call.cause));
  li.append(line, el('div', 'call-meta', meta.join(' · ')));
  if (call.wrapUp) li.append(renderWrapUp(call.wrapUp));

  const details = el('details');
  details.append(el('summary', null, 'Events'));
  details.addEventListener('toggle', () => details.open && loadEvents(call.id, details));
  li.append(details);
  return li;
}

// what the agent recorded after the call: its disposition, when to call back, the note
function renderWrapUp(w) {
  const box = el('div', 'wrap-up');
  const line = el('div', 'wrap-up-line');
  if (w.disposition) line.append(el('span', 'disposition', labels[w.disposition] || w.disposition));
  if (w.callbackAt) {
    line.append(el('span', 'callback', `${WORDS.callBack} ${when(w.callbackAt)}`
      + (w.followedUpBy ? ` (${WORDS.followedUp})` : '')));
  }
  if (w.provider?.status === 'refused' || w.provider?.status === 'failed') {
    line.append(el('span', 'error', WORDS.refused + (w.provider.message ? `: ${w.provider.message}` : '')));
  }
  box.append(line);
  if (w.note) box.append(el('p', 'note', w.note));
  return box;
}

async function loadEvents(id, details) {
  details.querySelector('ol')?.remove();
  const list = el('ol', 'events');
  details.append(list);
  try {
    const call = await get(`calls/${encodeURIComponent(id)}`);
    for (const e of call.events || []) {
      const item = el('li');
      item.append(el('code', null, e.type), ` ${e.status ? '→ ' + e.status : ''} `,
        el('span', null, new Date(e.occurredAt || e.receivedAt).toLocaleTimeString()));
      if (e.rawCause) item.append(` (${e.rawCause})`);
      list.append(item);
    }
  } catch (error) {
    list.append(el('li', 'error', `Could not load the events: ${error.message}`));
  }
}

let next = null;
let loading = null;
let pollTimer = null;

async function load(append) {
  const query = `contacts/${encodeURIComponent(CONTACT)}/calls?limit=${PAGE}` + (append && next ? `&before=${encodeURIComponent(next)}` : '');
  try {
    const page = await get(query);
    const open = new Set([...history.querySelectorAll('li')].filter(li => li.querySelector('details')?.open)
      .map(li => li.dataset.callId));
    const items = page.calls.map(renderCall);
    // keep open what the user opened: a status change must not fold their events away
    for (const li of items) if (open.has(li.dataset.callId)) li.querySelector('details').open = true;
    if (append) history.append(...items);
    else history.replaceChildren(...items);
    next = page.next;
    older.hidden = !next;
    statusLine.textContent = history.children.length ? '' : 'No calls yet. Press Call to place one.';
    history.dataset.loaded = String(Date.now());
  } catch (error) {
    statusLine.textContent = `Could not load the call history: ${error.message}`;
  }
  // calls placed elsewhere (another tab, a script) move on too: look again while one is live
  clearTimeout(pollTimer);
  if (history.querySelector('li.live')) pollTimer = setTimeout(refresh, 3000);
}

function refresh() {
  if (loading) return loading;
  loading = load(false).finally(() => { loading = null; });
  return loading;
}

let pending = null;
function refreshSoon() {
  clearTimeout(pending);
  pending = setTimeout(refresh, 150);
}

for (const type of ['dialbridge:call-placed', 'dialbridge:status', 'dialbridge:call-ended', 'dialbridge:wrap-up-saved']) {
  document.addEventListener(type, refreshSoon);
}
document.getElementById('refresh').addEventListener('click', refresh);
older.addEventListener('click', () => load(true));

initProviders();
dispositions.then(refresh);
