// The wrap-up form (wrap-up.js) in Spanish: its labels and a sentence for each error code of
// PUT /calls/{id}/wrap-up. The keys are those of wrap-up.js's English words.
export default {
  notes: 'Notas', wrapUp: 'Tipificar', edit: 'Editar tipificación', title: 'Tipificación de la llamada a {n}',
  disposition: 'Resultado', choose: 'Elige…', callbackAt: 'Volver a llamar el', note: 'Nota', save: 'Guardar',
  dismiss: 'Descartar', saving: 'Guardando…', saved: 'Tipificación guardada.', noteSaved: 'Nota guardada.',
  pick: 'Elige el resultado de la llamada.',
  refused: 'Se guardó, pero {p} lo rechazó{m}. Guarda de nuevo para reenviarlo.',
  failed: 'Se guardó, pero no se pudo enviar a {p}{m}. Guarda de nuevo para reintentarlo.',
  wrap_up_not_open: 'Esta llamada aún no fue contestada: agrega tus notas cuando lo sea.',
  wrap_up_closed: 'Esta llamada ya no se puede cambiar: pasó el tiempo para tipificarla.',
  unknown_disposition: 'Este resultado ya no existe: recarga la página y elige otro.',
  disposition_not_offered: 'Este resultado no corresponde a cómo fue la llamada: elige otro.',
  callback_time_required: 'Elige cuándo volver a llamar.',
  callback_time_in_past: 'Esa hora ya pasó: elige una más tarde para volver a llamar.',
  note_too_long: 'La nota es demasiado larga: acórtala y guarda de nuevo.'
};
