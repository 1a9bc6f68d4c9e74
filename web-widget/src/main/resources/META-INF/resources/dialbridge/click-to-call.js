// <click-to-call> and <click-to-call-enhance>, defined on import: docs/widget.md.
import { api, ask } from './api.js';
import { rank, live, over, follow, unfollow, share, matches, digits, customer, watchOther } from './live-call.js';
import { words, pack, language } from './i18n.js';

const TONE = {
  COMPLETED: 'good', BUSY: 'warn', NO_ANSWER: 'warn', CANCELED: 'warn', REJECTED: 'bad', FAILED: 'bad', error: 'bad', unavailable: 'bad'
};
const BUSY = ['placing', 'dialing', 'ringing', 'answered'];
const TEL = 'a[href^="tel:"]';

const enc = encodeURIComponent;
const time = v => v && +new Date(v);
const pad = n => String(n).padStart(2, '0');
const clock = seconds => {
  const s = Math.max(0, seconds | 0);
  return (s >= 3600 ? (s / 3600 | 0) + ':' : '') + pad((s / 60 | 0) % 60) + ':' + pad(s % 60);
};

const PROPS = { number: 'number', contactId: 'contact-id', provider: 'provider', apiBase: 'api-base', followsUp: 'follows-up' };

export class ClickToCall extends HTMLElement {
  static observedAttributes = ['lang', 'number'];

  static define(tag = 'click-to-call', registry = customElements) {
    if (!registry.get(tag)) {
      try {
        registry.define(tag, this);
      } catch {
        registry.define(tag, class extends this {}); // one name per constructor
      }
    }
    return this;
  }

  #state = 'idle';
  #gen = 0; // orphans the stream or poll of a call no longer followed
  #call; #other; #error; #source; #poller; #ticker; #since; #said; #parts;
  #me; #hanging; #resumed;
  #clock = document.createElement('span');

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<link rel="stylesheet" href="${new URL('click-to-call.css', import.meta.url)}">`
      + '<button type="button" part="call-button"></button><button type="button" part="hangup-button" hidden></button>'
      + '<span part="status" role="status" aria-live="polite"></span>';
    this.#parts = [...root.querySelectorAll('[part]')];
    this.#parts[0].onclick = () => this.placeCall();
    this.#parts[1].onclick = () => this.hangUp();
    // role=timer is not live: a ticking clock is not read out every second
    this.#clock.setAttribute('role', 'timer');
  }

  connectedCallback() {
    for (const p in PROPS) {
      // a property set before the upgrade hides the accessor
      if (this.hasOwnProperty(p)) {
        const v = this[p];
        delete this[p];
        this[p] = v;
      }
    }
    follow(this, () => this.#base, call => this.#see(call));
    if (live(this.#call)) this.#watch();
    this.#render();
    ask(this.#base, 'me').then(me => {
      this.#me = me;
      const e = me.error;
      if ((e?.status === 401 || e?.code === 'unavailable') && this.#state === 'idle') this.#fail(e);
      else this.#render();
      if (!this.#resumed) this.#resume(me);
    });
  }

  disconnectedCallback() {
    unfollow(this);
    this.#unwatch();
    clearInterval(this.#ticker);
  }

  attributeChangedCallback() {
    this.#render();
  }

  async placeCall() {
    if (this.#blocked() || !this.#emit('before-call', { number: this.number, contactId: this.contactId }, true)) return;
    this.#unwatch();
    this.#call = this.#error = null;
    this.#state = 'placing';
    this.#render();
    try {
      const call = await api(this.#base, 'calls', {
        contactId: this.contactId || undefined, number: this.number, provider: this.provider || undefined,
        followsUp: this.followsUp || undefined
      });
      this.#emit('call-placed', call);
      this.#track(call);
    } catch (e) {
      await this.#fail(e);
      // on another call: every button shows it
      if (e.code === 'agent_busy' && e.call) share(this.#base, e.call);
      if (e.code === 'wrap_up_pending' && e.call) this.#wrap(e.call, 1);
    }
  }

  async hangUp() {
    const call = this.#call;
    if (!live(call) || this.#hanging) return;
    this.#hanging = true;
    this.#render();
    try {
      this.#update(await api(this.#base, `calls/${enc(call.id)}/hangup`, null));
    } catch (e) {
      await this.#fail(e, true); // the call may still be live
    }
    this.#hanging = false;
    this.#render();
  }

  get #base() {
    return (this.apiBase || new URL('api', import.meta.url).href).replace(/\/*$/, '/');
  }

  #blocked() {
    return BUSY.includes(this.#state) || this.#state === 'unavailable' || this.#until > Date.now() || live(this.#other);
  }

  get #until() {
    return this.#error?.code === 'rate_limited' ? this.#error.until : 0;
  }

  // a reload keeps the agent's live call
  async #resume(me) {
    this.#resumed = true;
    if (me.error) return;
    ask(this.#base, 'me/wrap-up').then(c => c && !c.error && this.#wrap(c));
    const call = await ask(this.#base, 'me/call');
    if (!call?.error) return call && this.#see(call);
    if (call.error.status !== 404 || !this.contactId) return; // an older server: see history.js
    const c = await import('./history.js').then(m => m.liveCall(this.#base, this.contactId, me.user), () => {});
    if (c) this.#see(c);
  }

  // the agent's live (or just ended) call, or null
  #see(call) {
    if (call && call.id === this.#call?.id) return this.#update(call);
    if (live(call) && matches(this, call) && !BUSY.includes(this.#state)) {
      this.#unwatch();
      this.#call = this.#other = null;
      return this.#track(call);
    }
    if (live(call) || !call || call.id === this.#other?.id) {
      this.#other = live(call) ? call : null;
      if (this.#other) watchOther(this.#base, call);
      this.#render();
    }
  }

  #track(call) {
    this.#update(call);
    if (live(call)) this.#watch();
  }

  #update(call) {
    const prev = this.#call;
    // status only moves forward: a late message never reopens a call
    if (prev && (prev.id !== call.id || over(prev) || rank(call) < rank(prev))) return;
    this.#call = call;
    if (this.#other?.id === call.id) this.#other = null; // its own, not another (the history saw it placed)
    if (prev?.status === call.status) return;
    this.#error = null;
    this.#state = over(call) ? 'ended' : call.status.toLowerCase();
    if (call.status === 'ANSWERED') this.#since = time(call.answeredAt) || Date.now();
    if (over(call)) this.#unwatch();
    this.#render();
    this.#wrap(call);
    this.#emit('status', call);
    if (over(call)) this.#emit('call-ended', call);
    share(this.#base, call);
  }

  // the wrap-up form (and the notes of a call in conversation), fetched when a call needs it
  #wrap(call, open) {
    import('./wrap-up.js').then(m => m.offer(this.#base, call, this, open));
  }

  #watch() {
    this.#unwatch();
    if (!this.isConnected) return;
    const gen = this.#gen;
    if (!window.EventSource) return this.#poll(gen, 0);
    const source = this.#source = new EventSource(`${this.#base}calls/${enc(this.#call.id)}/events`);
    source.addEventListener('call', e => this.#update(JSON.parse(e.data)));
    source.onerror = () => {
      // the stream ends after the last status; an earlier error: poll
      source.close();
      if (gen === this.#gen) this.#poll(gen, 0);
    };
  }

  #poll(gen, delay) {
    this.#poller = setTimeout(async () => {
      let call;
      try {
        call = await api(this.#base, `calls/${enc(this.#call.id)}`);
      } catch (e) {
        if (gen === this.#gen && e.status) await this.#fail(e); // a network blip is retried
      }
      if (call && gen === this.#gen) this.#update(call);
      if (gen === this.#gen) this.#poll(gen, 2000);
    }, delay);
  }

  #unwatch() {
    this.#gen++;
    this.#source?.close();
    this.#source = null;
    clearTimeout(this.#poller);
  }

  async #fail(error, keepState) {
    const gen = this.#gen, { code, status, detail } = error;
    await pack(language(this)); // its sentence: until then (ms) the button shows no English detail
    if (gen !== this.#gen) return; // a call came or went meanwhile
    this.#error = error;
    if (!keepState) {
      this.#unwatch();
      this.#state = code === 'unavailable' ? code : 'error';
    }
    this.#render();
    this.#emit('error', { code, status, detail, message: this.#said });
  }

  #emit(name, detail, cancelable) {
    return this.dispatchEvent(new CustomEvent('dialbridge:' + name, { bubbles: true, composed: true, cancelable, detail }));
  }

  #sentence(w, s, canHangUp) {
    const e = this.#error, c = this.#call, o = this.#other;
    if (s === 'other-call') {
      return w.other.replace('{n}', '…' + digits(customer(o)).slice(-4)).replace('{s}', w[o.status.toLowerCase()].replace(' {t}', ''));
    }
    if (e) {
      // {m}: the provider's words, after the detail's first ": "
      const m = e.detail?.split(': ').slice(1).join(': ').replace(/\.$/, '');
      return (w[e.code] || e.detail || `${w.error} (${e.status})`).replace('{m}', m ? ': ' + m : '');
    }
    if (s === 'ended') {
      // never answered: no duration
      const d = c.durationSeconds ?? (c.answeredAt ? (time(c.endedAt) - time(c.answeredAt)) / 1000 : -1);
      return w[c.status] + (c.status === 'COMPLETED' && d >= 0 ? ` (${clock(d)})` : '');
    }
    return s === 'idle' ? '' : w[s] + (c && !canHangUp && BUSY.includes(s) ? ' ' + w.onPhone : '');
  }

  #render() {
    const lang = language(this), w = words[lang], own = this.#state;
    if (!w) return pack(lang).then(() => this.#render()); // no label in the wrong language: wait (ms)
    const s = live(this.#other) && !BUSY.includes(own) ? 'other-call' : own;
    const [call, hang, status] = this.#parts, hadFocus = this.shadowRoot.activeElement === hang;
    this.dataset.state = s;
    this.dataset.tone = TONE[s === 'ended' ? this.#call.status : s] || '';
    call.textContent = w.call;
    call.setAttribute('aria-label', `${w.call} ${this.number}`.trim());
    // aria-disabled keeps the focus: a second Enter or Space does nothing
    call.setAttribute('aria-disabled', this.#blocked());
    hang.textContent = w.hangUp;
    // hang-up where the call's provider can
    const me = this.#me, caps = (me?.providers?.[this.#call?.provider] || me)?.capabilities;
    hang.hidden = !(BUSY.includes(s) && this.#call && caps?.hangUp);
    hang.setAttribute('aria-disabled', !!this.#hanging);
    if (hadFocus && hang.hidden) call.focus(); // hiding a focused button drops the focus

    const text = this.#sentence(w, s, caps?.hangUp);
    if (text !== this.#said) {
      this.#said = text;
      const [before, after] = text.split('{t}');
      status.replaceChildren(before, ...(after === undefined ? [] : [this.#clock, after]));
    }
    clearInterval(this.#ticker);
    if (status.contains(this.#clock) && this.isConnected) {
      const tick = () => {
        const until = this.#until;
        if (until && until <= Date.now()) {
          this.#error = null;
          this.#state = 'idle';
          return this.#render();
        }
        this.#clock.textContent = clock((until ? until - Date.now() + 999 : Date.now() - this.#since) / 1000);
      };
      tick();
      this.#ticker = setInterval(tick, 1000);
    }
  }
}

for (const [prop, attr] of Object.entries(PROPS)) {
  Object.defineProperty(ClickToCall.prototype, prop, {
    get() { return this.getAttribute(attr) ?? ''; },
    set(v) { v == null ? this.removeAttribute(attr) : this.setAttribute(attr, v); },
    configurable: true
  });
}

/** Adds a `<click-to-call>` after each tel: link in `node` inside an enhancing container. */
export function enhance(node) {
  if (!node.querySelectorAll) return;
  const links = [...node.querySelectorAll(TEL)];
  if (node.matches?.(TEL)) links.push(node);
  for (const link of links) {
    const scope = link.closest('click-to-call-enhance,[data-dialbridge-enhance]');
    if (!scope || link.nextElementSibling?.localName === 'click-to-call') continue;
    const el = document.createElement('click-to-call');
    let number = link.getAttribute('href').slice(4).split(';')[0];
    try {
      number = decodeURIComponent(number);
    } catch {
      // keep as written
    }
    el.setAttribute('number', number);
    const contactId = link.closest('[data-contact-id]')?.dataset.contactId ?? scope.getAttribute('contact-id');
    if (contactId != null) el.setAttribute('contact-id', contactId);
    for (const a of ['provider', 'api-base']) if (scope.hasAttribute(a)) el.setAttribute(a, scope.getAttribute(a));
    link.after(' ', el);
  }
}

export class ClickToCallEnhance extends HTMLElement {
  static define(tag = 'click-to-call-enhance', registry = customElements) {
    return ClickToCall.define.call(this, tag, registry);
  }

  connectedCallback() {
    enhance(this); // the document observer misses shadow roots
  }
}

ClickToCall.define();
ClickToCallEnhance.define();
new MutationObserver(records => {
  for (const r of records) r.type === 'attributes' ? enhance(r.target) : r.addedNodes.forEach(enhance);
}).observe(document, { childList: true, subtree: true, attributeFilter: ['data-dialbridge-enhance'] });
enhance(document);
