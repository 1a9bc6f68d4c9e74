// <dialbridge-phone>: who is calling the agent, in the CRM's header: docs/widget.md. Here the stream and
// its calls, on every page; the pop that shows one (phone-pop.js) is fetched with the first call to show.
import { api, ask } from './api.js';
import { rank, live, over } from './live-call.js';

const enc = encodeURIComponent;

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
  #opened = 0; // streams opened: from the second on, the calls shown are looked up again
  #me; #source; #c; #pop;

  connectedCallback() {
    this.#render();
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

  /** The call shown, as GET /calls/{id} shows it, or undefined. */
  get call() {
    return this.#c?.call;
  }

  /** Hides the call shown, in this tab. */
  dismiss() {
    if (this.#c) this.#gone.add(this.#c.call.id);
    this.#render();
  }

  get #base() {
    return (this.getAttribute('api-base') || new URL('api', import.meta.url).href).replace(/\/*$/, '/');
  }

  #listen() {
    const s = this.#source = new EventSource(this.#base + 'me/events');
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

  #render() {
    const c = this.#c = this.#wanted();
    if (!c && !this.#pop) return (this.dataset.state = 'idle');
    this.#pop ??= import('./phone-pop.js').then(m => new m.Pop(this, {
      me: this.#me, base: this.#base, shown: () => this.#c, see: call => this.#see(call), leader: () => leader
    }), e => {
      this.#pop = null; // the next call tries again
      throw e;
    });
    this.#pop.then(p => p.paint(), () => {});
  }
}

Phone.define();
