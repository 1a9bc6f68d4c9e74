// <dialbridge-phone>: who is calling the agent (GET /me/events), once in the CRM's header: docs/widget.md.
import { api, ask } from './api.js';
import { language } from './i18n.js';
import { rank, live, over } from './live-call.js';

// English; i18n/phone/<lang>.js has the same keys
const EN = {
  ringing: 'Incoming call', answered: 'On call', missed: 'Missed call', ended: 'Call ended', unknown: 'Unknown caller',
  choose: 'Who is calling?', open: 'Open', create: 'Create contact', dismiss: 'Dismiss', failed: 'That did not work: try again.'
};
const packs = { en: EN };
const words = lang => packs[lang] ??= import(`./i18n/phone/${lang}.js`).then(
  m => (packs[lang] = { ...EN, ...m.default }), () => (delete packs[lang], EN));

const enc = encodeURIComponent;
// never javascript:
const web = url => {
  try {
    const u = new URL(url, location.href);
    return /^https?:$/.test(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
};

// the tab holding the lock notifies
let leader = !navigator.locks;
navigator.locks?.request('dialbridge-phone', () => new Promise(() => (leader = true)));

export class Phone extends HTMLElement {
  static observedAttributes = ['lang'];

  static define(tag = 'dialbridge-phone', registry = customElements) {
    if (!registry.get(tag)) {
      try {
        registry.define(tag, this);
      } catch {
        registry.define(tag, class extends this {}); // one name per constructor
      }
    }
    return this;
  }

  #calls = new Map(); // id → {call, matches, choose, shown}
  #gone = new Set(); // dismissed in this tab
  #p = {};
  #me; #source; #opened; #c; #said; #back; #error;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<link rel="stylesheet" href="${new URL('dialbridge-phone.css', import.meta.url)}">`
      + '<div part="pop" role="alertdialog" aria-labelledby="t" aria-describedby="d" hidden><b part="title" id="t"></b>'
      + '<p id="d"><span part="number"></span> <span part="contact"></span></p><ul part="matches"></ul>'
      + '<p part="error" role="alert"></p><button part="open"></button><button part="create"></button>'
      + '<button part="dismiss">✕</button></div><span part="announce" aria-live="assertive"></span>';
    for (const el of root.querySelectorAll('[part]')) this.#p[el.part] = el;
    const p = this.#p;
    p.pop.onkeydown = e => e.key === 'Escape' && (e.stopPropagation(), this.dismiss());
    p.dismiss.onclick = () => this.dismiss();
    p.open.onclick = () => this.#open(this.#chosen);
    p.create.onclick = () => {
      const { call } = this.#c;
      this.#go('create-contact', { number: call.from, url: this.#url('createContactUrl', '{number}', call.from), callId: call.id });
    };
    root.addEventListener('click', () => window.Notification?.permission === 'default' && Notification.requestPermission(),
      { once: true });
  }

  connectedCallback() {
    words(language(this));
    ask(this.#base, 'me').then(me => {
      this.#me = me;
      if (me.inbound && window.EventSource && this.isConnected && !this.#source) this.#listen();
    });
  }

  disconnectedCallback() {
    this.#source?.close();
    this.#source = null;
  }

  attributeChangedCallback() {
    this.#render();
  }

  dismiss() {
    if (this.#c) this.#gone.add(this.#c.call.id);
    this.#render();
  }

  get #base() {
    return (this.getAttribute('api-base') || new URL('api', import.meta.url).href).replace(/\/*$/, '/');
  }

  #listen() {
    const s = this.#source = new EventSource(this.#base + 'me/events');
    this.#opened = 0;
    s.addEventListener('incoming', e => {
      const d = JSON.parse(e.data);
      this.#see(d.call, d.matches, d.choose);
    });
    s.addEventListener('call', e => this.#see(JSON.parse(e.data)));
    s.onopen = () => this.#opened++ && this.#calls.forEach(({ call }) => live(call)
      && api(this.#base, 'calls/' + enc(call.id)).then(c => this.#see(c), () => {}));
    // closed by an HTTP error (the browser retries a network error)
    s.onerror = () => s.readyState > 1 && this.#source === s && setTimeout(() => this.#source === s && this.#listen(), 5e3);
  }

  #see(call, matches = call.inbound?.matches, choose = call.inbound?.choose) {
    const old = this.#calls.get(call.id);
    if (old && (over(old.call) ? live(call) : rank(call) < rank(old.call))) return;
    const c = { call, matches: matches || old?.matches || [], choose: choose && call.contactId == null, shown: old?.shown };
    this.#calls.set(call.id, c);
    if (over(call) && !c.choose) setTimeout(() => this.#calls.get(call.id) === c && this.#calls.delete(call.id) && this.#render(), 8e3);
    this.#error = null;
    this.#render();
  }

  #wanted() {
    const { user, inbound: { pop } = {} } = this.#me || {};
    let best;
    for (const c of this.#calls.values()) {
      const { call } = c;
      if (pop === 'never' || this.#gone.has(call.id) || call.agent && call.agent !== user) continue; // another's
      if ((live(call) ? pop !== 'answer' || call.answeredAt : c.shown || c.choose) && (!best || live(call) || !live(best.call))) best = c;
    }
    return best;
  }

  get #chosen() {
    const { call, matches } = this.#c, id = call.contactId;
    return id != null && (matches.find(m => m.id === id) || { id });
  }

  async #pick(m) {
    const { call, choose } = this.#c;
    if (!choose) return this.#open(m);
    try {
      this.#see(await api(this.#base, `calls/${enc(call.id)}/contact`, { contactId: m.id }, 'PUT'));
    } catch (e) {
      this.#error = e;
      this.#render();
    }
  }

  #open(m) {
    this.#go('open-contact', { contactId: m.id, url: web(m.url || '') || this.#url('contactUrl', '{id}', m.id), callId: this.#c.call.id });
  }

  #url(key, hole, v) {
    const t = this.#me.inbound?.[key];
    return t ? web(t.replaceAll(hole, enc(v))) : null;
  }

  #go(name, detail) {
    if (this.dispatchEvent(new CustomEvent('dialbridge:' + name, { bubbles: true, composed: true, cancelable: true, detail }))
      && detail.url) location.assign(detail.url);
  }

  async #render() {
    const w = await words(language(this)), p = this.#p, c = this.#c = this.#wanted(), had = this.shadowRoot.activeElement;
    const s = this.dataset.state = !c ? 'idle' : live(c.call) ? c.call.status.toLowerCase() : c.call.answeredAt ? 'ended' : 'missed';
    p.pop.hidden = !c;
    if (!c) {
      this.#said = null;
      return had && this.#back?.focus();
    }
    const { call, matches, choose } = c, chosen = this.#chosen, name = m => m.name || m.id;
    p.title.textContent = w[s];
    p.number.textContent = call.from;
    p.contact.textContent = chosen ? name(chosen) : matches.length ? choose ? w.choose : '' : w.unknown;
    const list = chosen ? [] : matches, key = call.id + list.map(m => ' ' + m.id);
    if (p.matches.title !== key) {
      p.matches.replaceChildren(...list.map(m => {
        const li = document.createElement('li'), b = li.appendChild(document.createElement('button'));
        b.part = 'match';
        b.textContent = name(m);
        b.onclick = () => this.#pick(m);
        return li;
      }));
    }
    p.matches.title = key;
    p.matches.hidden = !list.length;
    p.matches.ariaLabel = w.choose;
    p.open.hidden = !chosen;
    p.open.textContent = w.open;
    p.open.ariaLabel = chosen ? `${w.open} ${name(chosen)}` : null;
    p.create.hidden = chosen || matches.length;
    p.create.textContent = w.create;
    p.dismiss.ariaLabel = p.dismiss.title = w.dismiss;
    p.error.textContent = this.#error ? w.failed : '';

    const body = `${call.from} ${p.contact.textContent}`, text = w[s] + ': ' + body;
    if (this.#said?.id !== call.id) {
      // a new pop: the focus in it unless the agent types
      c.shown = true;
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      if (a?.closest('input,textarea,select,[contenteditable]')) p.announce.textContent = text;
      else {
        this.#back = a;
        this.#focus();
      }
      if (leader && document.visibilityState === 'hidden' && window.Notification?.permission === 'granted') {
        new Notification(w[s], { body, tag: 'dialbridge ' + call.id }).onclick = () => (focus(), this.#focus());
      }
    } else if (this.#said.text !== text) p.announce.textContent = text;
    this.#said = { id: call.id, text };
    if (had && (!had.isConnected || had.closest('[hidden]'))) this.#focus();
  }

  #focus() {
    [...this.#p.pop.querySelectorAll('button')].find(b => !b.closest('[hidden]'))?.focus();
  }
}

Phone.define();
