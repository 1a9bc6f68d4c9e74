// <dialbridge-phone>'s pop, fetched with the first call it shows: docs/widget.md.
import { api } from './api.js';
import { language } from './i18n.js';
import { live } from './live-call.js';

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

/** The pop of one element; `ctx`: {me, base, shown(), see(call), leader()}. */
export class Pop {
  #p = {};
  #el; #ctx; #styled; #c; #key; #said; #back; #error;

  constructor(el, ctx) {
    this.#el = el;
    this.#ctx = ctx;
    const root = el.shadowRoot || el.attachShadow({ mode: 'open' });
    root.innerHTML = `<link rel="stylesheet" href="${new URL('dialbridge-phone.css', import.meta.url)}">`
      + '<div part="pop" role="alertdialog" aria-labelledby="t" aria-describedby="d" hidden><b part="title" id="t"></b>'
      + '<p id="d"><span part="number"></span> <span part="contact"></span></p><ul part="matches"></ul>'
      + '<p part="error" role="alert"></p><button part="open"></button><button part="create"></button>'
      + '<button part="dismiss">✕</button></div><span part="announce" aria-live="assertive"></span>';
    for (const e of root.querySelectorAll('[part]')) this.#p[e.part] = e;
    const p = this.#p, link = root.firstChild;
    // unstyled, it would push the CRM's header about
    this.#styled = new Promise(styled => (link.onload = link.onerror = styled));
    p.pop.onkeydown = e => {
      if (e.key !== 'Escape') return; // (false would cancel Tab)
      e.stopPropagation(); // not the page's own dialogs
      el.dismiss();
    };
    p.dismiss.onclick = () => el.dismiss();
    p.open.onclick = () => this.#open(this.#chosen);
    p.create.onclick = () => {
      const { call } = this.#c;
      this.#go('create-contact', { number: call.from, url: this.#url('createContactUrl', '{number}', call.from), callId: call.id });
    };
    root.addEventListener('click', () => window.Notification?.permission === 'default' && Notification.requestPermission(),
      { once: true });
  }

  get #chosen() {
    const { call, matches } = this.#c, id = call.contactId;
    return id != null && (matches.find(m => m.id === id) || { id });
  }

  async #pick(m) {
    const { call, choose } = this.#c;
    if (!choose) return this.#open(m);
    try {
      this.#ctx.see(await api(this.#ctx.base, `calls/${enc(call.id)}/contact`, { contactId: m.id }, 'PUT'));
    } catch (e) {
      this.#error = e;
      this.paint();
    }
  }

  #open(m) {
    this.#go('open-contact', { contactId: m.id, url: web(m.url || '') || this.#url('contactUrl', '{id}', m.id), callId: this.#c.call.id });
  }

  #url(key, hole, v) {
    const t = this.#ctx.me.inbound?.[key];
    return t ? web(t.replaceAll(hole, enc(v))) : null;
  }

  #go(name, detail) {
    if (this.#el.dispatchEvent(new CustomEvent('dialbridge:' + name, { bubbles: true, composed: true, cancelable: true, detail }))
      && detail.url) location.assign(detail.url);
  }

  /** Shows the element's call, or none. */
  async paint() {
    const w = await words(language(this.#el));
    await this.#styled;
    const el = this.#el, p = this.#p, c = this.#ctx.shown(), had = el.shadowRoot.activeElement;
    if (c?.call !== this.#c?.call) this.#error = null; // a new event
    this.#c = c;
    const s = el.dataset.state = !c ? 'idle' : live(c.call) ? c.call.status.toLowerCase() : c.call.answeredAt ? 'ended' : 'missed';
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
    if (this.#key !== key) {
      p.matches.replaceChildren(...list.map(m => {
        const li = document.createElement('li'), b = li.appendChild(document.createElement('button'));
        b.part = 'match';
        b.textContent = name(m);
        b.onclick = () => this.#pick(m);
        return li;
      }));
    }
    this.#key = key;
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
      if (this.#ctx.leader() && document.visibilityState === 'hidden' && window.Notification?.permission === 'granted') {
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
