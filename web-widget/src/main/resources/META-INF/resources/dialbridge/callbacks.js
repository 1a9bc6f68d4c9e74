// <dialbridge-callbacks>: the agent's open callbacks (GET /me/callbacks), due first, each with a
// <click-to-call> that places the callback (POST /calls with followsUp). Defined on import: docs/widget.md.
import { api } from './api.js';
import { language } from './i18n.js';
import { ClickToCall } from './click-to-call.js';
import { customer } from './live-call.js';

const WORDS = {
  en: { label: 'Your callbacks', empty: 'No callbacks to make.', due: 'Due', contact: 'Contact {id}',
    error: 'Your callbacks could not be loaded: reload the page to try again.' },
  es: { label: 'Tus llamadas por devolver', empty: 'No tienes llamadas por devolver.', due: 'Para ahora',
    contact: 'Contacto {id}', error: 'No se pudieron cargar tus llamadas por devolver: recarga la página.' },
  'pt-BR': { label: 'Seus retornos', empty: 'Nenhum retorno pendente.', due: 'Para agora',
    contact: 'Contato {id}', error: 'Não foi possível carregar seus retornos: recarregue a página.' }
};
const PROPS = { apiBase: 'api-base', contactHref: 'contact-href' };

export class Callbacks extends HTMLElement {
  static observedAttributes = ['lang'];

  static define(tag = 'dialbridge-callbacks', registry = customElements) {
    return ClickToCall.define.call(this, tag, registry);
  }

  #items;
  #gen = 0;
  #error;
  #name;
  #list;
  #message;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<link rel="stylesheet" href="${new URL('callbacks.css', import.meta.url)}">`
      + '<p part="message" role="status"></p><ul part="list"></ul>';
    [this.#message, this.#list] = root.querySelectorAll('[part]');
    this.onSaved = () => this.refresh(); // a wrap-up may have set or moved a callback
  }

  connectedCallback() {
    for (const p of [...Object.keys(PROPS), 'contactName']) {
      // a property set before the upgrade hides the accessor
      if (this.hasOwnProperty(p)) {
        const v = this[p];
        delete this[p];
        this[p] = v;
      }
    }
    document.addEventListener('dialbridge:wrap-up-saved', this.onSaved);
    this.refresh();
  }

  disconnectedCallback() {
    document.removeEventListener('dialbridge:wrap-up-saved', this.onSaved);
  }

  attributeChangedCallback() {
    this.#render();
  }

  /** The contact's name for a contact id (the host's function), else "Contact 42". */
  get contactName() {
    return this.#name;
  }

  set contactName(fn) {
    this.#name = fn;
    this.#render();
  }

  /** Loads the list again; resolves once it is shown. */
  async refresh() {
    const gen = ++this.#gen;
    this.dataset.state ||= 'loading';
    let data;
    try {
      data = await api(this.#base, 'me/callbacks');
    } catch (e) {
      data = { error: e };
    }
    if (gen !== this.#gen) return;
    this.#error = data.error;
    if (!this.#error) this.#items = data.callbacks || [];
    this.#items ??= [];
    this.#render();
    this.dispatchEvent(new CustomEvent('dialbridge:callbacks-loaded', {
      bubbles: true, composed: true, detail: { callbacks: this.#items, error: this.#error }
    }));
  }

  get #base() {
    return (this.apiBase || new URL('api', import.meta.url).href).replace(/\/*$/, '/');
  }

  #render() {
    if (!this.#items) return; // loading
    const lang = language(this), w = WORDS[lang];
    const rows = new Map([...this.#list.children].map(li => [li.dataset.callId, li]));
    const wanted = this.#items.map(({ due, call }) => this.#row(rows.get(call.id), call, due, lang, w));
    // a row stays once its button was used: it shows the callback's call and then its wrap-up
    for (const [id, li] of rows) {
      if (!wanted.includes(li) && li.querySelector('click-to-call').dataset.state === 'idle') {
        rows.delete(id);
        li.remove();
      }
    }
    // a new row goes before the one after it; a row already there stays put (moved, its button
    // would stop following its call)
    let next = null;
    for (const li of wanted.reverse()) {
      if (!li.isConnected) this.#list.insertBefore(li, next);
      next = li;
    }
    this.#list.setAttribute('aria-label', w.label);
    const empty = !this.#list.children.length;
    this.#message.textContent = this.#error ? w.error : empty ? w.empty : '';
    this.#message.setAttribute('part', this.#error ? 'message error' : empty ? 'message empty' : 'message');
    this.#list.hidden = empty;
    this.dataset.state = this.#error ? 'error' : empty ? 'empty' : 'ready';
  }

  #row(li, call, due, lang, w) {
    if (!li) {
      li = document.createElement('li');
      li.dataset.callId = call.id;
      li.innerHTML = '<span part="due"></span> <a part="contact"></a> <span part="number"></span>'
        + ' <time part="time"></time><p part="note"></p><click-to-call></click-to-call>';
    }
    const [badge, contact, number, time, note, button] = li.children;
    const { callbackAt, note: text } = call.wrapUp || {};
    li.setAttribute('part', due ? 'item due' : 'item');
    badge.textContent = w.due;
    badge.hidden = !due;
    const href = this.contactHref;
    contact.textContent = this.#name?.(call.contactId) || w.contact.replace('{id}', call.contactId ?? '');
    if (href && call.contactId != null) contact.href = href.replaceAll('{contactId}', encodeURIComponent(call.contactId));
    number.textContent = customer(call);
    time.dateTime = callbackAt;
    time.textContent = callbackAt ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' })
      .format(new Date(callbackAt)) : '';
    note.textContent = text || '';
    note.hidden = !text;
    // the callback goes through the line of the call it follows up
    for (const [a, v] of [['number', customer(call)], ['contact-id', call.contactId], ['follows-up', call.id],
      ['provider', call.provider], ['lang', lang], ['api-base', this.apiBase || null]]) {
      if (v == null) button.removeAttribute(a);
      else if (button.getAttribute(a) !== v) button.setAttribute(a, v);
    }
    return li;
  }
}

for (const [prop, attr] of Object.entries(PROPS)) {
  Object.defineProperty(Callbacks.prototype, prop, {
    get() { return this.getAttribute(attr) ?? ''; },
    set(v) { v == null ? this.removeAttribute(attr) : this.setAttribute(attr, v); },
    configurable: true
  });
}

Callbacks.define();
