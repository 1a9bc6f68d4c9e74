// For a server without GET /me/call (older than the widget): the agent's live call in the contact's history.
import { api } from './api.js';
import { live } from './live-call.js';

export async function liveCall(base, contactId, user) {
  const { calls = [] } = await api(base, `contacts/${encodeURIComponent(contactId)}/calls?limit=10`).catch(() => ({}));
  const c = calls.find(c => live(c) && (!user || !c.agent || c.agent === user));
  if (c && Date.now() - new Date(c.createdAt) < 2 * 3600e3) return c;
}
