/**
 * `<click-to-call number contact-id [provider] [api-base] [lang]>` places a call through the Dialbridge API
 * and follows it to its outcome. Importing this module defines it and `<click-to-call-enhance>`.
 */
const STATUSES = ['DIALING', 'RINGING', 'ANSWERED', 'COMPLETED', 'BUSY', 'NO_ANSWER', 'CANCELED', 'REJECTED', 'FAILED'];
const LIVE = STATUSES.slice(0, 3);
const TERMINAL = STATUSES.slice(3);
const BUSY = ['placing', 'dialing', 'ringing', 'answered'];
const TONE = { COMPLETED: 'good', BUSY: 'warn', NO_ANSWER: 'warn', CANCELED: 'warn', REJECTED: 'bad', FAILED: 'bad' };
const RESUME_WINDOW_MS = 2 * 3600e3;
const POLL_MS = 2000;
const TEL = 'a[href^="tel:"]';
const SCOPE = 'click-to-call-enhance,[data-dialbridge-enhance]';

// Error sentences by code, the codes that share one separated by spaces. {m}: the provider's own
// words from the API's detail; {t}: a countdown. An unknown code shows the API's detail.
const WORDS = {
  en: {
    call: 'Call', hangUp: 'Hang up', placing: 'Placing call…', dialing: 'Dialing…', ringing: 'Ringing…',
    answered: 'On call {t}', COMPLETED: 'Call ended', BUSY: 'Busy', NO_ANSWER: 'No answer',
    CANCELED: 'Call canceled', REJECTED: 'Call rejected', FAILED: 'Call failed',
    other: 'You are on a call to {n}: {s}', onPhone: 'Hang up on your phone.', error: 'Something went wrong',
    network: 'Could not reach the server.', unauthenticated: 'Sign in to place calls.',
    unavailable: 'Calling is not available here.',
    agent_busy: 'You are already on a call.',
    invalid_number: 'This number is not valid: check it and try again.',
    number_not_allowed: 'You may not call this number.',
    forbidden: 'You may not do this.',
    agent_not_mapped: 'You have no phone extension yet: ask your administrator for one.',
    'invalid_request invalid_json csrf_rejected not_found method_not_allowed not_acceptable body_too_large unsupported_media_type':
      'The server refused the request: reload the page and try again.',
    call_not_found: 'This call no longer exists: reload the page.',
    provider_not_found: 'This phone line is not set up: pick another one.',
    call_already_ended: 'The call has already ended.',
    call_not_connected: 'The call is not connected yet: try again in a moment.',
    'hangup_unsupported operation_unsupported': 'This line cannot hang up from here: hang up on your phone.',
    rate_limited: 'You placed too many calls: you can call again in {t}.',
    provider_rejected: 'The phone provider refused the call{m}.',
    provider_authentication_failed: 'The phone provider refused Dialbridge’s credentials: tell your administrator.',
    'provider_unavailable provider_timeout': 'The phone provider did not answer: check your phone before you call again.',
    store_unavailable: 'Calls cannot be saved right now: try again in a moment.',
    internal_error: 'Something went wrong on the server: try again.'
  },
  es: {
    call: 'Llamar', hangUp: 'Colgar', placing: 'Iniciando llamada…', dialing: 'Marcando…', ringing: 'Sonando…',
    answered: 'En llamada {t}', COMPLETED: 'Llamada finalizada', BUSY: 'Ocupado', NO_ANSWER: 'Sin respuesta',
    CANCELED: 'Llamada cancelada', REJECTED: 'Llamada rechazada', FAILED: 'La llamada falló',
    other: 'Estás en una llamada a {n}: {s}', onPhone: 'Cuelga en tu teléfono.', error: 'Algo salió mal',
    network: 'No se pudo conectar con el servidor.', unauthenticated: 'Inicia sesión para llamar.',
    unavailable: 'Las llamadas no están disponibles aquí.',
    agent_busy: 'Ya estás en una llamada.',
    invalid_number: 'Este número no es válido: revísalo y vuelve a intentarlo.',
    number_not_allowed: 'No puedes llamar a este número.',
    forbidden: 'No tienes permiso para hacer esto.',
    agent_not_mapped: 'Aún no tienes extensión telefónica: pídesela a tu administrador.',
    'invalid_request invalid_json csrf_rejected not_found method_not_allowed not_acceptable body_too_large unsupported_media_type':
      'El servidor rechazó la solicitud: recarga la página y vuelve a intentarlo.',
    call_not_found: 'Esta llamada ya no existe: recarga la página.',
    provider_not_found: 'Esta línea telefónica no está configurada: elige otra.',
    call_already_ended: 'La llamada ya terminó.',
    call_not_connected: 'La llamada aún no está conectada: vuelve a intentarlo en un momento.',
    'hangup_unsupported operation_unsupported': 'Esta línea no puede colgar desde aquí: cuelga en tu teléfono.',
    rate_limited: 'Hiciste demasiadas llamadas: puedes volver a llamar en {t}.',
    provider_rejected: 'El proveedor telefónico rechazó la llamada{m}.',
    provider_authentication_failed: 'El proveedor telefónico rechazó las credenciales de Dialbridge: avisa a tu administrador.',
    'provider_unavailable provider_timeout': 'El proveedor telefónico no respondió: revisa tu teléfono antes de volver a llamar.',
    store_unavailable: 'Ahora no se pueden guardar las llamadas: vuelve a intentarlo en un momento.',
    internal_error: 'Algo salió mal en el servidor: vuelve a intentarlo.'
  },
  'pt-BR': {
    call: 'Ligar', hangUp: 'Desligar', placing: 'Iniciando ligação…', dialing: 'Discando…', ringing: 'Chamando…',
    answered: 'Em ligação {t}', COMPLETED: 'Ligação encerrada', BUSY: 'Ocupado', NO_ANSWER: 'Não atendeu',
    CANCELED: 'Ligação cancelada', REJECTED: 'Ligação recusada', FAILED: 'A ligação falhou',
    other: 'Você está em uma ligação para {n}: {s}', onPhone: 'Desligue no seu telefone.', error: 'Algo deu errado',
    network: 'Não foi possível conectar ao servidor.', unauthenticated: 'Faça login para ligar.',
    unavailable: 'As ligações não estão disponíveis aqui.',
    agent_busy: 'Você já está em uma ligação.',
    invalid_number: 'Este número não é válido: confira e tente de novo.',
    number_not_allowed: 'Você não pode ligar para este número.',
    forbidden: 'Você não tem permissão para isso.',
    agent_not_mapped: 'Você ainda não tem ramal: peça um ao administrador.',
    'invalid_request invalid_json csrf_rejected not_found method_not_allowed not_acceptable body_too_large unsupported_media_type':
      'O servidor recusou a solicitação: recarregue a página e tente de novo.',
    call_not_found: 'Esta ligação não existe mais: recarregue a página.',
    provider_not_found: 'Esta linha telefônica não está configurada: escolha outra.',
    call_already_ended: 'A ligação já terminou.',
    call_not_connected: 'A ligação ainda não foi conectada: tente de novo em instantes.',
    'hangup_unsupported operation_unsupported': 'Esta linha não desliga por aqui: desligue no seu telefone.',
    rate_limited: 'Você fez ligações demais: pode ligar de novo em {t}.',
    provider_rejected: 'A operadora recusou a ligação{m}.',
    provider_authentication_failed: 'A operadora recusou as credenciais do Dialbridge: avise o administrador.',
    'provider_unavailable provider_timeout': 'A operadora não respondeu: confira seu telefone antes de ligar de novo.',
    store_unavailable: 'Agora não é possível salvar as ligações: tente de novo em instantes.',
    internal_error: 'Algo deu errado no servidor: tente de novo.'
  }
};
for (const w of Object.values(WORDS)) {
  for (const k in w) for (const code of k.split(' ')) w[code] = w[k];
}

const language = el => {
  const tag = el.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang;
  return /^es(-|$)/i.test(tag) ? 'es' : /^pt/i.test(tag) ? 'pt-BR' : 'en';
};
const enc = encodeURIComponent;
const digits = s => String(s ?? '').replace(/\D/g, '');
const masked = n => '…' + digits(n).slice(-4);
const time = v => v && +new Date(v);
const pad = n => String(n).padStart(2, '0');
const clock = seconds => {
  const s = Math.max(0, seconds | 0);
  return (s >= 3600 ? (s / 3600 | 0) + ':' : '') + pad((s / 60 | 0) % 60) + ':' + pad(s % 60);
};

/**
 * Resolves to the JSON, or null for 204; rejects with `{code, status, detail, retry, call}` (status 0:
 * server not reached; code `unavailable`: a 404 that is not Dialbridge's, i.e. the API is not mounted).
 */
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
  if (res.status === 204) return null;
  const data = await res.json().catch(() => ({}));
  if (res.ok) return data;
  const code = data.code || (res.status === 404 ? 'unavailable' : 'http_' + res.status);
  if (code === 'unavailable') notMounted(base);
  throw { code, status: res.status, detail: data.detail || data.title, retry: +res.headers.get('Retry-After') || 1, call: data.call };
}

let warned;
function notMounted(base) {
  if (warned) return;
  warned = true;
  console.warn(`Dialbridge: ${base} answers 404, so calling is off. Check the server log for the "Dialbridge mounted" line;`
    + ' in a Spring Boot app, add the dependency org.dialbridge:dialbridge-spring-boot-starter.');
}

// One /me and one /me/call per page and API base, however many buttons a list shows.
const agents = new Map();
const lives = new Map();
const shared = (map, base, path, fresh) => {
  if (fresh || !map.has(base)) map.set(base, api(base, path).catch(error => ({ error })));
  return map.get(base);
};
const whoami = base => shared(agents, base, 'me');
const liveCall = (base, fresh) => shared(lives, base, 'me/call', fresh);

const PROPS = { number: 'number', contactId: 'contact-id', provider: 'provider', apiBase: 'api-base' };

export class ClickToCall extends HTMLElement {
  static observedAttributes = ['lang', 'number'];
  static #all = new Set();
  static #channels = new Map();

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

  // The agent's live call, as one button or tab learned it: every button of every tab shows it.
  static #share(base, call, remote) {
    for (const el of ClickToCall.#all) if (el.#base === base) el.#see(call);
    if (!remote) ClickToCall.#channel(base)?.postMessage(call);
  }

  static #channel(base) {
    const channels = ClickToCall.#channels;
    if (!channels.has(base) && window.BroadcastChannel) {
      const channel = new BroadcastChannel('dialbridge ' + base);
      channel.onmessage = e => ClickToCall.#share(base, e.data, true);
      channels.set(base, channel);
    }
    return channels.get(base);
  }

  // Back in this tab: the call may have moved on, or started, in another.
  static #recheck() {
    if (document.visibilityState !== 'visible') return;
    for (const base of new Set([...ClickToCall.#all].map(el => el.#base))) {
      liveCall(base, true).then(call => call?.error || ClickToCall.#share(base, call, true));
    }
  }

  static {
    document.addEventListener('visibilitychange', ClickToCall.#recheck);
    addEventListener('focus', ClickToCall.#recheck);
  }

  #state = 'idle';
  #gen = 0; // orphans the stream or poll of a call no longer followed
  #call; #other; #error; #source; #poller; #ticker; #since; #said; #parts;
  #me; #hanging; #resumed;
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
    ClickToCall.#all.add(this);
    ClickToCall.#channel(this.#base);
    if (LIVE.includes(this.#call?.status)) this.#watch();
    this.#render();
    whoami(this.#base).then(me => {
      this.#me = me;
      const e = me.error;
      if ((e?.status === 401 || e?.code === 'unavailable') && this.#state === 'idle') this.#fail(e);
      else this.#render();
      if (!this.#resumed) this.#resume(me);
    });
  }

  disconnectedCallback() {
    ClickToCall.#all.delete(this);
    this.#unwatch();
    clearInterval(this.#ticker);
  }

  attributeChangedCallback() {
    this.#render();
  }

  /** Calls `number`, unless a call is under way, calling is off or `dialbridge:before-call` is canceled. */
  async placeCall() {
    if (this.#blocked()) return;
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
      // The agent is on another call: show it, here (if it is this number) and on every button.
      if (e.code === 'agent_busy' && e.call) ClickToCall.#share(this.#base, e.call);
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

  #blocked() {
    return BUSY.includes(this.#state) || this.#state === 'unavailable' || this.#until > Date.now()
      || LIVE.includes(this.#other?.status);
  }

  get #until() {
    return this.#error?.code === 'rate_limited' ? this.#error.until : 0;
  }

  // A reload must not lose a live call: pick up the signed-in agent's own live call.
  async #resume(me) {
    this.#resumed = true;
    if (me.error) return;
    const call = await liveCall(this.#base);
    if (!call?.error) return call && this.#see(call);
    if (call.error.status === 404 && this.contactId) this.#resumeFromHistory(me); // a server without GET /me/call
  }

  async #resumeFromHistory(me) {
    try {
      const { calls = [] } = await api(this.#base, `contacts/${enc(this.contactId)}/calls?limit=10`);
      const c = calls.find(c => LIVE.includes(c.status) && (!me.user || !c.agent || c.agent === me.user));
      if (c && Date.now() - time(c.createdAt) < RESUME_WINDOW_MS) this.#see(c);
    } catch {
      // nothing to resume
    }
  }

  #matches(call) {
    const number = digits(this.number).slice(-7);
    return !!number && digits(call.to).endsWith(number)
      && !(this.contactId && call.contactId && this.contactId !== call.contactId);
  }

  // `call` is the agent's live (or just ended) call, or null for none.
  #see(call) {
    if (call && call.id === this.#call?.id) return this.#update(call);
    const live = LIVE.includes(call?.status);
    if (live && this.#matches(call) && !BUSY.includes(this.#state)) {
      this.#unwatch();
      this.#call = this.#other = null;
      return this.#track(call);
    }
    if (live || !call || call.id === this.#other?.id) {
      this.#other = live ? call : null;
      this.#render();
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
    ClickToCall.#share(this.#base, call);
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
    this.#error = { ...error, until: Date.now() + error.retry * 1000 };
    if (!keepState) {
      this.#unwatch();
      this.#state = error.code === 'unavailable' ? 'unavailable' : 'error';
    }
    this.#render();
    this.#emit('error', { code: error.code, status: error.status, detail: error.detail, message: this.#said });
  }

  #emit(name, detail, cancelable = false) {
    return this.dispatchEvent(new CustomEvent('dialbridge:' + name, { bubbles: true, composed: true, cancelable, detail }));
  }

  #sentence(w, s, canHangUp) {
    const e = this.#error, c = this.#call, o = this.#other;
    if (s === 'other-call') return w.other.replace('{n}', masked(o.to)).replace('{s}', w[o.status.toLowerCase()].replace(' {t}', ''));
    if (e) {
      const said = w[e.code] || (e.status ? e.detail || `${w.error} (${e.status})` : w.network);
      const m = e.detail?.split(': ').slice(1).join(': ').replace(/\.$/, '');
      return said.replace('{m}', m ? ': ' + m : '');
    }
    if (s === 'ended') {
      // Never answered: no duration (endedAt - null would count from 1970).
      const d = c.durationSeconds ?? (c.answeredAt ? (time(c.endedAt) - time(c.answeredAt)) / 1000 : -1);
      return w[c.status] + (c.status === 'COMPLETED' && d >= 0 ? ` (${clock(d)})` : '');
    }
    return s === 'idle' ? '' : w[s] + (c && !canHangUp && BUSY.includes(s) ? ' ' + w.onPhone : '');
  }

  #render() {
    const w = WORDS[language(this)], own = this.#state;
    const s = LIVE.includes(this.#other?.status) && !BUSY.includes(own) ? 'other-call' : own;
    const [call, hang, status] = this.#parts, hadFocus = this.shadowRoot.activeElement === hang;
    this.dataset.state = s;
    this.dataset.tone = s === 'ended' ? TONE[this.#call.status] : s === 'error' || s === 'unavailable' ? 'bad' : '';
    call.textContent = w.call;
    call.setAttribute('aria-label', `${w.call} ${this.number}`.trim());
    // aria-disabled, not disabled: the focus stays on the button, so a second Enter or Space does nothing.
    call.setAttribute('aria-disabled', this.#blocked());
    hang.textContent = w.hangUp;
    // Hang-up is shown where the call's provider can do it (a call may go through any provider).
    const me = this.#me, caps = (me?.providers?.[this.#call?.provider] || me)?.capabilities;
    hang.hidden = !(BUSY.includes(s) && this.#call && caps?.hangUp);
    hang.setAttribute('aria-disabled', !!this.#hanging);
    if (hadFocus && hang.hidden) call.focus(); // hiding the focused button drops focus: pass it on

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
        if (until && until <= Date.now()) { // the rate limit is over: the agent may call again
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
