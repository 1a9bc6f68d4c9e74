// <click-to-call>'s wrap-up form: what a call achieved (its disposition, a note, when to call back),
// from the answer (notes) to the end and after a reload. Fetched by the button when a call needs it.
// One form per page and API base, in the button of that call, else the first: docs/widget.md.
import { api, ask } from './api.js';
import { live, over, followers, matches, digits, customer } from './live-call.js';
import { words as labels, pack, language } from './i18n.js';

// English here; i18n/wrap-up/<lang>.js has the same keys. {n}: the number's last digits; {p}: the
// provider's name; {m}: the provider's own words.
const EN = {
  notes: 'Notes', wrapUp: 'Wrap up', edit: 'Edit wrap-up', title: 'Wrap-up of the call to {n}',
  disposition: 'Outcome', choose: 'Choose…', callbackAt: 'Call back at', note: 'Note', save: 'Save',
  dismiss: 'Dismiss', saving: 'Saving…', saved: 'Wrap-up saved.', noteSaved: 'Note saved.',
  pick: 'Pick the outcome of the call.',
  refused: 'Saved, but {p} refused it{m}. Save again to send it again.',
  failed: 'Saved, but it could not be sent to {p}{m}. Save again to try again.',
  wrap_up_not_open: 'This call has not been answered yet: add your notes once it is.',
  wrap_up_closed: 'This call can no longer be changed: the time to wrap it up is over.',
  unknown_disposition: 'This outcome no longer exists: reload the page and pick another.',
  disposition_not_offered: 'This outcome does not fit how the call went: pick another.',
  callback_time_required: 'Pick when to call back.',
  callback_time_in_past: 'That time has passed: pick a later time to call back.',
  note_too_long: 'The note is too long: shorten it and save again.'
};
const packs = { en: EN };
const words = lang => packs[lang] ??= import(`./i18n/wrap-up/${lang}.js`).then(
  m => (packs[lang] = { ...EN, ...m.default }), () => (delete packs[lang], EN));

const KEY = 'dialbridge.wrap-up.dismissed';
const dismissed = () => {
  try {
    return JSON.parse(sessionStorage.getItem(KEY)) || [];
  } catch {
    return []; // storage off: nothing remembered
  }
};
const remember = id => {
  try {
    sessionStorage.setItem(KEY, JSON.stringify([...dismissed().filter(d => d !== id), id].slice(-50)));
  } catch {
    // storage off: a reload asks again
  }
};

/** The call's telephony outcome, as the catalog's `offeredFor` names it. */
export const outcome = call => call.answeredAt || call.status === 'COMPLETED'
  ? 'answered' : call.status.toLowerCase().replace(/_/g, '-');

// datetime-local speaks the agent's local time without an offset
const local = v => {
  const d = new Date(v);
  return v ? new Date(d - d.getTimezoneOffset() * 6e4).toISOString().slice(0, 16) : '';
};

const HTML = `<button type="button" part="wrap-up-button" hidden></button>
<form part="wrap-up-form" aria-labelledby="wrap-up-title" novalidate hidden>
<strong part="wrap-up-title" id="wrap-up-title"></strong>
<div><label for="wu-d"></label><select id="wu-d" name="disposition" part="disposition"></select></div>
<div hidden><label for="wu-c"></label><input id="wu-c" type="datetime-local" name="callbackAt" part="callback-at"></div>
<div><label for="wu-n"></label><textarea id="wu-n" name="note" part="note" rows="3"></textarea></div>
<p part="wrap-up-error" role="alert"></p>
<span><button type="submit" part="save-button"></button> <button type="button" part="dismiss-button"></button></span>
</form><span part="wrap-up-status" role="status" aria-live="polite"></span>`;

const forms = {};

/**
 * The button `asker` saw `call` change (or was told of it by GET /me/wrap-up, or by a 409
 * wrap_up_pending: `open`): shows, updates or removes the page's form.
 */
export function offer(base, call, asker, open) {
  const form = forms[base];
  if (form?.call.id === call.id) return form.update(call, open);
  if (!over(call) && call.status !== 'ANSWERED') {
    // a new call: the last one's form goes, unless the next call must wait for it
    if (form && !form.blocking()) form.remove();
    return;
  }
  // a call in conversation keeps its notes; an older call's wrap-up comes back after it
  if (form && !open && (live(form.call) || form.blocking())) return;
  form?.remove();
  const hosts = [...followers].filter(([el, [baseOf]]) => el.isConnected && baseOf() === base).map(([el]) => el);
  const host = hosts.find(el => matches(el, call)) || (open && asker) || hosts[0] || asker;
  forms[base] = new Form(base, call, host, open);
}

class Form {
  constructor(base, call, host, open) {
    Object.assign(this, { base, call, host });
    const box = this.box = document.createElement('div');
    box.setAttribute('part', 'wrap-up');
    box.innerHTML = `<link rel="stylesheet" href="${new URL('wrap-up.css', import.meta.url)}">` + HTML;
    host.shadowRoot.append(box);
    const q = s => box.querySelector(s);
    [this.toggle, this.form, this.title, this.error, this.status] =
      ['[part=wrap-up-button]', 'form', 'strong', '[part=wrap-up-error]', '[part=wrap-up-status]'].map(q);
    this.fields = this.form.elements;
    this.save = q('[part=save-button]');
    this.dismiss = q('[part=dismiss-button]');
    this.toggle.onclick = () => this.open(true);
    this.dismiss.onclick = () => this.close(true);
    this.form.onsubmit = e => {
      e.preventDefault();
      this.submit();
    };
    this.form.onkeydown = e => {
      if (e.key === 'Escape' && !this.blocking()) {
        e.preventDefault();
        e.stopPropagation(); // the host's own dialog, if any, stays open
        this.close(true);
      }
    };
    this.fields.disposition.onchange = () => this.render();
    this.ready = this.load().then(ok => {
      if (!ok) return this.remove(); // a server without wrap-up
      this.render();
      this.update(call, open, true);
    });
  }

  async load() {
    const lang = this.lang = language(this.host), me = await ask(this.base, 'me');
    if (!me.wrapUp) return false;
    this.required = me.wrapUp.required;
    this.fields.note.maxLength = me.wrapUp.noteMaxLength || 2000;
    [, this.w] = await Promise.all([this.catalog(), words(lang), pack(lang)]);
    return true;
  }

  // the catalog in the button's language, once per page (again after a failure)
  async catalog() {
    const list = await ask(this.base, `dispositions?lang=${this.lang}`, this.failed);
    this.failed = !!list.error;
    this.list = list.dispositions || [];
    this.listError = list.error;
  }

  /** Whether the agent's next call waits for this one's disposition (then there is no dismissing it). */
  blocking() {
    return !!(this.required && over(this.call) && outcome(this.call) === 'answered' && !this.call.wrapUp?.disposition);
  }

  update(call, open, first) {
    if (!this.w) return this.box.isConnected && this.ready.then(() => this.update(call, open));
    const ended = !over(this.call) && over(call);
    // a late or older copy never undoes a save
    if ((call.wrapUp?.revision || 0) >= (this.call.wrapUp?.revision || 0)) this.call = call;
    else this.call = { ...call, wrapUp: this.call.wrapUp };
    const pending = over(call) && !this.call.wrapUp?.disposition && !dismissed().includes(call.id);
    if (open || ((first || ended) && pending)) this.open(open || this.idle());
    else this.render();
  }

  // an auto-opened form takes the focus only from the button itself or from nothing
  idle() {
    const a = document.activeElement;
    return !a || a === document.body || this.host.getRootNode().activeElement === this.host;
  }

  async open(focus) {
    if (this.form.hidden) {
      this.fill();
      this.error.textContent = '';
      if (this.failed) await this.catalog();
      this.form.hidden = false;
    }
    this.render();
    // into the form, unless the agent is already writing in it (a call that ends mid-note)
    if (focus && !this.form.contains(this.host.shadowRoot.activeElement)) this.fields.disposition.focus();
  }

  close(dismiss) {
    const hadFocus = this.box.contains(this.host.shadowRoot.activeElement);
    if (dismiss && over(this.call)) remember(this.call.id);
    this.form.hidden = true;
    this.render();
    if (hadFocus) this.host.shadowRoot.querySelector('[part=call-button]')?.focus();
  }

  remove() {
    this.box.remove();
    if (forms[this.base] === this) delete forms[this.base];
  }

  // the fields from the call's saved wrap-up
  fill() {
    const { disposition, note, callbackAt } = this.call.wrapUp || {};
    this.fields.note.value = note || '';
    this.fields.callbackAt.value = local(callbackAt);
    this.chosen = disposition || '';
    this.codes = null; // the options again, with the saved one chosen
  }

  get offered() {
    const o = outcome(this.call);
    return this.list.filter(d => d.offeredFor?.includes(o));
  }

  render() {
    const w = this.w, f = this.fields, call = this.call, saved = call.wrapUp;
    if (!w) return;
    const codes = this.offered.map(d => d.code).join();
    if (codes !== this.codes) {
      if (this.codes != null) this.chosen = f.disposition.value;
      this.codes = codes;
      f.disposition.replaceChildren(new Option(w.choose, ''),
        ...this.offered.map(d => new Option(d.label, d.code, false, d.code === this.chosen)));
    }
    const chosen = this.offered.find(d => d.code === f.disposition.value);
    const [what, when, note] = this.form.querySelectorAll('label');
    what.textContent = w.disposition;
    when.textContent = w.callbackAt;
    note.textContent = w.note;
    when.parentNode.hidden = !chosen?.callback;
    f.callbackAt.min = local(Date.now());
    this.title.textContent = w.title.replace('{n}', '…' + digits(customer(call)).slice(-4));
    this.save.textContent = w.save;
    this.dismiss.textContent = w.dismiss;
    this.dismiss.hidden = this.blocking();
    this.toggle.textContent = live(call) ? w.notes : saved?.disposition ? w.edit : w.wrapUp;
    this.toggle.hidden = !this.form.hidden;
    this.host.dataset.wrapUp = !this.form.hidden ? 'open' : saved?.disposition ? 'saved' : 'closed';
    // a provider's refusal stays in sight until a save goes through
    if (!this.error.textContent || this.shown === this.error.textContent) {
      const p = saved?.provider;
      this.shown = this.error.textContent = p?.status === 'refused' || p?.status === 'failed'
        ? w[p.status].replace('{p}', call.providerLabel || call.provider).replace('{m}', p.message ? ': ' + p.message : '')
        : this.listError ? this.sentence(this.listError) : '';
    }
  }

  sentence(e) {
    const w = this.w, all = labels[this.lang] || labels.en;
    return (w[e.code] || all[e.code] || e.detail || `${all.error} (${e.status})`).replace('{m}', '');
  }

  async submit() {
    if (this.busy) return;
    const f = this.fields, w = this.w, d = this.offered.find(d => d.code === f.disposition.value);
    const fail = e => {
      const code = e.code || e;
      this.shown = null;
      this.error.textContent = e.code ? this.sentence(e) : w[e];
      // the field to fix
      (code === 'note_too_long' ? f.note : /^callback/.test(code) ? f.callbackAt : f.disposition).focus();
    };
    if (over(this.call) && !d) return fail('pick');
    const at = d?.callback ? f.callbackAt.value : '';
    if (d?.callback && !at) return fail('callback_time_required');
    this.busy = true;
    this.say(w.saving);
    try {
      const call = await api(this.base, `calls/${encodeURIComponent(this.call.id)}/wrap-up`, {
        disposition: d?.code ?? null, note: f.note.value || null, callbackAt: at ? new Date(at).toISOString() : null
      }, 'PUT');
      this.call = { ...this.call, ...call };
      this.error.textContent = '';
      const p = call.wrapUp?.provider?.status;
      this.say(w[d ? 'saved' : 'noteSaved']);
      this.host.dispatchEvent(new CustomEvent('dialbridge:wrap-up-saved', {
        bubbles: true, composed: true, detail: { callId: call.id, wrapUp: call.wrapUp }
      }));
      if (p === 'refused' || p === 'failed') this.render(); // the form stays: saving again sends again
      else this.close();
    } catch (e) {
      this.say('');
      fail(e);
    }
    this.busy = false;
  }

  // a short confirmation in the form's own live region
  say(text) {
    this.status.textContent = text;
    clearTimeout(this.quiet);
    if (text) this.quiet = setTimeout(() => (this.status.textContent = ''), 6000);
  }
}
