// The agent's one live call, followed by every element of every tab.
import { ask } from './api.js';

const STATUSES = ['DIALING', 'RINGING', 'ANSWERED', 'COMPLETED', 'BUSY', 'NO_ANSWER', 'CANCELED', 'REJECTED', 'FAILED'];
const LIVE = STATUSES.slice(0, 3);
export const rank = call => STATUSES.indexOf(call?.status);
export const live = call => LIVE.includes(call?.status);
export const over = call => rank(call) > 2;

// each follower's API base, and what it does with the agent's live (or just ended) call, or null
const followers = new Map();
const channels = {};

export const follow = (who, base, see) => {
  followers.set(who, [base, see]);
  channel(base());
};
export const unfollow = who => followers.delete(who);

// The agent's live call, as an element or tab learned it, to every element of every tab
export function share(base, call, remote) {
  for (const [at, see] of followers.values()) if (at() === base) see(call);
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
  for (const base of new Set([...followers.values()].map(([at]) => at()))) {
    ask(base, 'me/call', true).then(call => call?.error || share(base, call, true));
  }
}
document.addEventListener('visibilitychange', recheck);
addEventListener('focus', recheck);
