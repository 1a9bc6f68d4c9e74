// <click-to-call>'s sentence for each error code of the API, in English, loaded on the first error (the
// labels are in i18n.js). {m}: the provider's own words; {t}: the rate limit's countdown.
const refused = 'The server refused the request: reload the page and try again.';
const noHangUp = 'This line cannot hang up from here: hang up on your phone.';
const silent = 'The phone provider did not answer: check your phone before you call again.';

export default {
  unauthenticated: 'Sign in to place calls.',
  unavailable: 'Calling is not available here.',
  agent_busy: 'You are already on a call.',
  wrap_up_pending: 'Wrap up your last call before you place the next one.',
  invalid_number: 'This number is not valid: check it and try again.',
  number_not_allowed: 'You may not call this number.',
  forbidden: 'You may not do this.',
  agent_not_mapped: 'You have no phone extension yet: ask your administrator for one.',
  invalid_request: refused, invalid_json: refused, csrf_rejected: refused, not_found: refused,
  method_not_allowed: refused, not_acceptable: refused, body_too_large: refused, unsupported_media_type: refused,
  call_not_found: 'This call no longer exists: reload the page.',
  provider_not_found: 'This phone line is not set up: pick another one.',
  call_already_ended: 'The call has already ended.',
  call_not_connected: 'The call is not connected yet: try again in a moment.',
  hangup_unsupported: noHangUp, operation_unsupported: noHangUp,
  rate_limited: 'You placed too many calls: you can call again in {t}.',
  provider_rejected: 'The phone provider refused the call{m}.',
  provider_authentication_failed: 'The phone provider refused Dialbridge’s credentials: tell your administrator.',
  provider_unavailable: silent, provider_timeout: silent,
  store_unavailable: 'Calls cannot be saved right now: try again in a moment.',
  internal_error: 'Something went wrong on the server: try again.'
};
