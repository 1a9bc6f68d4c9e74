// The agent's live call, as a button or tab learned it, to every button of every tab.
import { ask } from './api.js';

const STATUSES = ['DIALING', 'RINGING', 'ANSWERED', 'COMPLETED', 'BUSY', 'NO_ANSWER', 'CANCELED', 'REJECTED', 'FAILED'];
const LIVE = STATUSES.slice(0, 3);
export const rank = call => STATUSES.indexOf(call?.status);
export const live = call => LIVE.includes(call?.status);
export const over = call => rank(call) > 2;

// every button, in the order it joined: the wrap-up form picks one (wrap-up.js)
export const followers = new Map();
const channels = {};

export const follow = (el, baseOf, see) => {
  followers.set(el, [baseOf, see]);
  channel(baseOf());
};
export const unfollow = el => followers.delete(el);

export const digits = s => String(s ?? '').replace(/\D/g, '');
// the customer's number: who was called, or who called in
export const customer = call => call.direction === 'INBOUND' ? call.from : call.to;
// the button of a call: its number (the last 7 digits) and, where both have one, its contact
export const matches = (el, call) => {
  const number = digits(el.number).slice(-7);
  return !!number && digits(customer(call)).endsWith(number) && !(el.contactId && call.contactId && el.contactId !== call.contactId);
};

// a live call no button follows (inbound, or from a closed tab): one stream tells every button
const watched = {};
export function watchOther(base, call) {
  const key = base + call.id;
  if (watched[key] || !window.EventSource) return;
  const s = watched[key] = new EventSource(`${base}calls/${encodeURIComponent(call.id)}/events`);
  s.onerror = () => { s.close(); delete watched[key]; };
  s.addEventListener('call', e => { const c = JSON.parse(e.data); share(base, c, true); over(c) && s.onerror(); });
}

export function share(base, call, remote) {
  for (const [baseOf, see] of followers.values()) if (baseOf() === base) see(call);
  if (!remote) channel(base)?.postMessage(call);
}

function channel(base) {
  if (!channels[base] && window.BroadcastChannel) {
    channels[base] = new BroadcastChannel('dialbridge ' + base);
    channels[base].onmessage = e => share(base, e.data, true);
  }
  return channels[base];
}

// Back in this tab: the call may have changed in another
function recheck() {
  if (document.visibilityState !== 'visible') return;
  for (const base of new Set([...followers.values()].map(([baseOf]) => baseOf()))) {
    ask(base, 'me/call', true).then(call => call?.error || share(base, call, true));
  }
}
document.addEventListener('visibilitychange', recheck);
addEventListener('focus', recheck);
