// <click-to-call> in Spanish: its labels, loaded before its first render, and a sentence for each error
// code of the API. {t}: a clock or countdown; {n}, {s}: the other call's number and status; {m}: the
// provider's own words. The keys are those of i18n.js and i18n/en.js.
const refused = 'El servidor rechazó la solicitud: recarga la página y vuelve a intentarlo.';
const noHangUp = 'Esta línea no puede colgar desde aquí: cuelga en tu teléfono.';
const silent = 'El proveedor telefónico no respondió: revisa tu teléfono antes de volver a llamar.';

export default {
  call: 'Llamar', hangUp: 'Colgar', placing: 'Iniciando llamada…', dialing: 'Marcando…', ringing: 'Sonando…',
  answered: 'En llamada {t}', COMPLETED: 'Llamada finalizada', BUSY: 'Ocupado', NO_ANSWER: 'Sin respuesta',
  CANCELED: 'Llamada cancelada', REJECTED: 'Llamada rechazada', FAILED: 'La llamada falló',
  other: 'Estás en una llamada a {n}: {s}', onPhone: 'Cuelga en tu teléfono.', error: 'Algo salió mal',
  network: 'No se pudo conectar con el servidor.',

  unauthenticated: 'Inicia sesión para llamar.',
  unavailable: 'Las llamadas no están disponibles aquí.',
  agent_busy: 'Ya estás en una llamada.',
  wrap_up_pending: 'Tipifica tu última llamada antes de hacer la siguiente.',
  invalid_number: 'Este número no es válido: revísalo y vuelve a intentarlo.',
  number_not_allowed: 'No puedes llamar a este número.',
  forbidden: 'No tienes permiso para hacer esto.',
  agent_not_mapped: 'Aún no tienes extensión telefónica: pídesela a tu administrador.',
  invalid_request: refused, invalid_json: refused, csrf_rejected: refused, not_found: refused,
  method_not_allowed: refused, not_acceptable: refused, body_too_large: refused, unsupported_media_type: refused,
  call_not_found: 'Esta llamada ya no existe: recarga la página.',
  provider_not_found: 'Esta línea telefónica no está configurada: elige otra.',
  call_already_ended: 'La llamada ya terminó.',
  call_not_connected: 'La llamada aún no está conectada: vuelve a intentarlo en un momento.',
  hangup_unsupported: noHangUp, operation_unsupported: noHangUp,
  rate_limited: 'Hiciste demasiadas llamadas: puedes volver a llamar en {t}.',
  provider_rejected: 'El proveedor telefónico rechazó la llamada{m}.',
  provider_authentication_failed: 'El proveedor telefónico rechazó las credenciales de Dialbridge: avisa a tu administrador.',
  provider_unavailable: silent, provider_timeout: silent,
  store_unavailable: 'Ahora no se pueden guardar las llamadas: vuelve a intentarlo en un momento.',
  internal_error: 'Algo salió mal en el servidor: vuelve a intentarlo.'
};
