/**
 * `<click-to-call number contact-id [provider] [api-base] [lang]>` places a call through the Dialbridge API
 * and follows it to its outcome. Importing this module defines it and `<click-to-call-enhance>`.
 */
const STATUSES = ['DIALING', 'RINGING', 'ANSWERED', 'COMPLETED', 'BUSY', 'NO_ANSWER', 'CANCELED', 'REJECTED', 'FAILED'];
const LIVE = STATUSES.slice(0, 3);
const TERMINAL = STATUSES.slice(3);
const BUSY = ['placing', 'dialing', 'ringing', 'answered'];
const RESUME_WINDOW_MS = 2 * 3600e3;
const POLL_MS = 2000;
const TEL = 'a[href^="tel:"]';
const SCOPE = 'click-to-call-enhance,[data-dialbridge-enhance]';

const WORDS = {
  en: {
    call: 'Call', hangUp: 'Hang up', placing: 'Placing call…', dialing: 'Dialing…', ringing: 'Ringing…',
    answered: 'On call {t}', COMPLETED: 'Call ended', BUSY: 'Busy', NO_ANSWER: 'No answer',
    CANCELED: 'Call canceled', REJECTED: 'Call rejected', FAILED: 'Call failed',
    network: 'Could not reach the server.', signIn: 'Sign in to place calls.', error: 'Something went wrong'
  },
  es: {
    call: 'Llamar', hangUp: 'Colgar', placing: 'Iniciando llamada…', dialing: 'Marcando…', ringing: 'Sonando…',
    answered: 'En llamada {t}', COMPLETED: 'Llamada finalizada', BUSY: 'Ocupado', NO_ANSWER: 'Sin respuesta',
    CANCELED: 'Llamada cancelada', REJECTED: 'Llamada rechazada', FAILED: 'La llamada falló',
    network: 'No se pudo conectar con el servidor.', signIn: 'Inicia sesión para llamar.', error: 'Algo salió mal'
  },
  'pt-BR': {
    call: 'Ligar', hangUp: 'Desligar', placing: 'Iniciando ligação…', dialing: 'Discando…', ringing: 'Chamando…',
    answered: 'Em ligação {t}', COMPLETED: 'Ligação encerrada', BUSY: 'Ocupado', NO_ANSWER: 'Não atendeu',
    CANCELED: 'Ligação cancelada', REJECTED: 'Ligação recusada', FAILED: 'A ligação falhou',
    network: 'Não foi possível conectar ao servidor.', signIn: 'Faça login para ligar.', error: 'Algo deu errado'
  }
};

const language = el => {
  const tag = el.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang;
  return /^es(-|$)/i.test(tag) ? 'es' : /^pt/i.test(tag) ? 'pt-BR' : 'en';
};
const enc = encodeURIComponent;
const digits = s => String(s ?? '').replace(/\D/g, '');
const time = v => v && +new Date(v);
const pad = n => String(n).padStart(2, '0');
const clock = seconds => {
  const s = Math.max(0, seconds | 0);
  return (s >= 3600 ? (s / 3600 | 0) + ':' : '') + pad((s / 60 | 0) % 60) + ':' + pad(s % 60);
};

/** Resolves to the JSON; rejects with `{code, status, detail}` (status 0: server not reached). */
async function api(base, path, body) {
  const post = body !== undefined;
  let res;
  try {
    res = await fetch(base + path, {
      method: post ? 'POST' : 'GET',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(post && { 'X-Dialbridge-Request': '1' }),
        ...(body && { 'Content-Type': 'application/json' })
      },
      body: body ? JSON.stringify(body) : undefined
    });
  } catch {
    throw { code: 'network', status: 0 };
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw { code: data.code || 'http_' + res.status, status: res.status, detail: data.detail || data.title };
  return data;
}

// One /me per page and API base, however many buttons a list shows.
const agents = new Map();
const whoami = base => {
  if (!agents.has(base)) agents.set(base, api(base, 'me').catch(error => ({ error })));
  return agents.get(base);
};

const PROPS = { number: 'number', contactId: 'contact-id', provider: 'provider', apiBase: 'api-base' };

export class ClickToCall extends HTMLElement {
  static observedAttributes = ['lang', 'number'];

  /** Registers the element under `tag`, unless the tag is taken. */
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
  #call; #error; #source; #poller; #ticker; #since; #said; #parts;
  #me; #hanging; #resumed; #refocus;
  #clock = document.createElement('span');

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<link rel="stylesheet" href="${new URL('./click-to-call.css', import.meta.url)}">`
      + '<button type="button" part="call-button"></button><button type="button" part="hangup-button" hidden></button>'
      + '<span part="status" role="status" aria-live="polite"></span>';
    this.#parts = [...root.querySelectorAll('[part]')];
    this.#parts[0].onclick = () => this.placeCall();
    this.#parts[1].onclick = () => this.hangUp();
    // role=timer is not live: a clock ticking in the status region would be read out every second.
    this.#clock.setAttribute('role', 'timer');
  }

  connectedCallback() {
    for (const p in PROPS) {
      // A property set before the upgrade hides the accessor.
      if (this.hasOwnProperty(p)) {
        const v = this[p];
        delete this[p];
        this[p] = v;
      }
    }
    if (LIVE.includes(this.#call?.status)) this.#watch();
    this.#render();
    whoami(this.#base).then(me => {
      this.#me = me;
      if (me.error?.status === 401 && this.#state === 'idle') this.#fail(me.error);
      else this.#render();
      if (!this.#resumed) this.#resume(me);
    });
  }

  disconnectedCallback() {
    this.#unwatch();
    clearInterval(this.#ticker);
  }

  attributeChangedCallback() {
    this.#render();
  }

  /** Calls `number`, unless a call is under way or `dialbridge:before-call` is canceled. */
  async placeCall() {
    if (BUSY.includes(this.#state)) return;
    if (!this.#emit('before-call', { number: this.number, contactId: this.contactId }, true)) return;
    this.#unwatch();
    this.#call = this.#error = null;
    this.#state = 'placing';
    this.#render();
    try {
      const call = await api(this.#base, 'calls', {
        contactId: this.contactId || undefined, number: this.number, provider: this.provider || undefined
      });
      this.#emit('call-placed', call);
      this.#track(call);
    } catch (e) {
      this.#fail(e);
    }
  }

  /** Hangs the live call up; the outcome arrives as a status change. */
  async hangUp() {
    const call = this.#call;
    if (!LIVE.includes(call?.status) || this.#hanging) return;
    this.#hanging = true;
    this.#render();
    try {
      this.#update(await api(this.#base, `calls/${enc(call.id)}/hangup`, null));
    } catch (e) {
      this.#fail(e, true); // the call may still be live
    }
    this.#hanging = false;
    this.#render();
  }

  get #base() {
    return (this.apiBase || new URL('./api', import.meta.url).href).replace(/\/*$/, '/');
  }

  // A reload must not lose a live call: pick up this agent's newest call to this number.
  async #resume(me) {
    this.#resumed = true;
    if (!this.contactId || me.error) return;
    try {
      const { calls: [c] = [] } = await api(this.#base, `contacts/${enc(this.contactId)}/calls?limit=1`);
      if (c && LIVE.includes(c.status) && Date.now() - time(c.createdAt) < RESUME_WINDOW_MS
          && (!me.user || !c.agent || c.agent === me.user)
          && digits(c.to).endsWith(digits(this.number).slice(-7))
          && !this.#call && !BUSY.includes(this.#state)) this.#track(c);
    } catch {
      // nothing to resume
    }
  }

  #track(call) {
    this.#update(call);
    if (LIVE.includes(call.status)) this.#watch();
  }

  #update(call) {
    const prev = this.#call, rank = s => STATUSES.indexOf(s);
    // Status only moves forward: a late message must not reopen an ended call.
    if (prev && (prev.id !== call.id || TERMINAL.includes(prev.status) || rank(call.status) < rank(prev.status))) return;
    this.#call = call;
    if (prev?.status === call.status) return;
    const ended = TERMINAL.includes(call.status);
    this.#error = null;
    this.#state = ended ? 'ended' : call.status.toLowerCase();
    if (call.status === 'ANSWERED') this.#since = time(call.answeredAt) || Date.now();
    if (ended) this.#unwatch();
    this.#render();
    this.#emit('status', call);
    if (ended) this.#emit('call-ended', call);
  }

  #watch() {
    this.#unwatch();
    if (!this.isConnected) return;
    const gen = this.#gen;
    if (!window.EventSource) return this.#poll(gen, 0);
    const source = this.#source = new EventSource(`${this.#base}calls/${enc(this.#call.id)}/events`);
    source.addEventListener('call', e => this.#update(JSON.parse(e.data)));
    source.onerror = () => {
      // The server ends the stream after a terminal status; an earlier error means: poll.
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
        if (gen === this.#gen && e.status) this.#fail(e); // a network blip is retried
      }
      if (call && gen === this.#gen) this.#update(call);
      if (gen === this.#gen) this.#poll(gen, POLL_MS);
    }, delay);
  }

  #unwatch() {
    this.#gen++;
    this.#source?.close();
    this.#source = null;
    clearTimeout(this.#poller);
  }

  #fail(error, keepState) {
    this.#error = error;
    if (!keepState) {
      this.#unwatch();
      this.#state = 'error';
    }
    this.#render();
    this.#emit('error', { code: error.code, detail: this.#said, status: error.status });
  }

  #emit(name, detail, cancelable = false) {
    return this.dispatchEvent(new CustomEvent('dialbridge:' + name, { bubbles: true, composed: true, cancelable, detail }));
  }

  #sentence(w) {
    const e = this.#error, c = this.#call, s = this.#state;
    if (e) return e.status === 401 ? w.signIn : e.status ? e.detail || `${w.error} (${e.status})` : w.network;
    if (s === 'ended') {
      // Never answered: no duration (endedAt - null would count from 1970).
      const d = c.durationSeconds ?? (c.answeredAt ? (time(c.endedAt) - time(c.answeredAt)) / 1000 : -1);
      return w[c.status] + (c.status === 'COMPLETED' && d >= 0 ? ` (${clock(d)})` : '');
    }
    return s === 'idle' ? '' : w[s];
  }

  #render() {
    const w = WORDS[language(this)], s = this.#state, live = BUSY.includes(s);
    const [call, hang, status] = this.#parts, focused = this.shadowRoot.activeElement;
    this.dataset.state = s;
    call.textContent = w.call;
    call.setAttribute('aria-label', `${w.call} ${this.number}`.trim());
    call.disabled = live;
    hang.textContent = w.hangUp;
    // Hang-up is shown where the call's provider can do it (a call may go through any provider).
    const me = this.#me, caps = (me?.providers?.[this.#call?.provider] || me)?.capabilities;
    hang.hidden = !(live && this.#call && caps?.hangUp);
    hang.disabled = this.#hanging;

    // Disabling or hiding the focused button drops focus: pass it on.
    if (focused?.disabled || focused?.hidden) this.#refocus = true;
    const next = this.#refocus && [hang, call].find(b => !b.hidden && !b.disabled);
    if (next) {
      const active = document.activeElement;
      if (!active || active === document.body || active === this) next.focus();
      this.#refocus = false;
    }

    const text = this.#sentence(w);
    if (text !== this.#said) {
      this.#said = text;
      const [before, after] = text.split('{t}');
      status.replaceChildren(before, ...(after === undefined ? [] : [this.#clock, after]));
    }
    clearInterval(this.#ticker);
    if (status.contains(this.#clock) && this.isConnected) {
      const tick = () => this.#clock.textContent = clock((Date.now() - this.#since) / 1000);
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
    const scope = link.closest(SCOPE);
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
}).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-dialbridge-enhance'] });
enhance(document);
