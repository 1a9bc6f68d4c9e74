// The contacts page's "Your missed calls": the inbound calls that rang for the signed-in agent and
// nobody answered (GET /me/missed), each with who may be calling, a <click-to-call> that calls back
// (follows-up: the missed call leaves the list) and Done (DELETE /me/missed/{id}). docs/inbound.md.
const list = document.getElementById('missed');
const status = document.getElementById('missed-status');
const API = list.dataset.apiBase;
let createContactUrl; // dialbridge.inbound.create-contact-url, as GET /me tells it

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

function link(href, text) {
  const a = el('a', null, text);
  a.href = href;
  return a;
}

const when = iso => new Date(iso).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });

function item({ call, matches }) {
  const li = el('li', 'missed-call');
  const who = el('p');
  who.append(el('strong', null, call.from), ' ');
  const linked = matches.find(m => m.id === call.contactId);
  if (linked) {
    who.append(link(linked.url, linked.name || linked.id));
  } else if (matches.length) {
    who.append(el('span', 'muted', 'one of '));
    matches.forEach((m, i) => who.append(i ? ', ' : '', link(m.url, m.name || m.id)));
  } else if (createContactUrl) {
    who.append(link(createContactUrl.replace('{number}', encodeURIComponent(call.from)), 'Create contact'));
  }
  who.append(' ', el('span', 'muted small', when(call.createdAt) + ' · ' + call.status.replace('_', ' ').toLowerCase()));
  const actions = el('p', 'missed-actions');
  const back = document.createElement('click-to-call');
  for (const [name, value] of [['number', call.from], ['contact-id', call.contactId || (linked && linked.id)],
    ['provider', call.provider], ['follows-up', call.id]]) {
    if (value) back.setAttribute(name, value);
  }
  back.addEventListener('dialbridge:call-placed', () => setTimeout(load, 500));
  const done = el('button', 'secondary', 'Done');
  done.type = 'button';
  done.addEventListener('click', async () => {
    done.disabled = true;
    const res = await fetch(API + 'me/missed/' + encodeURIComponent(call.id), {
      method: 'DELETE', credentials: 'same-origin', headers: { 'X-Dialbridge-Request': '1' }
    });
    if (res.ok) li.remove(); else done.disabled = false;
    if (!list.children.length) status.textContent = 'No missed calls.';
  });
  actions.append(back, ' ', done);
  li.append(who, actions);
  return li;
}

async function load() {
  try {
    if (createContactUrl === undefined) {
      const me = await fetch(API + 'me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      createContactUrl = me.ok ? ((await me.json()).inbound?.createContactUrl || null) : null;
    }
    const res = await fetch(API + 'me/missed', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error('HTTP ' + res.status);
    const { missed } = await res.json();
    list.replaceChildren(...missed.map(item));
    status.textContent = missed.length ? '' : 'No missed calls.';
  } catch (e) {
    status.textContent = 'Missed calls could not be loaded: ' + e.message;
  }
}

document.getElementById('missed-refresh').addEventListener('click', load);
// a call that just rang out shows up without a reload
setInterval(() => { if (!document.hidden) load(); }, 10000);
load();
