// <dialbridge-phone> (dialbridge-phone.js) in Spanish. The keys are those of its English words.
export default {
  ringing: 'Llamada entrante', answered: 'En llamada', missed: 'Llamada perdida', ended: 'Llamada finalizada',
  unknown: 'Número desconocido', choose: '¿Quién llama?', open: 'Abrir',
  create: 'Crear contacto', dismiss: 'Cerrar', contact: 'Contacto {id}', failed: 'No funcionó: vuelve a intentarlo.'
};
