// The wrap-up form (wrap-up.js) in Brazilian Portuguese: its labels and a sentence for each error
// code of PUT /calls/{id}/wrap-up. The keys are those of wrap-up.js's English words.
export default {
  notes: 'Observações', wrapUp: 'Tabular', edit: 'Editar tabulação', title: 'Tabulação da ligação para {n}',
  disposition: 'Resultado', choose: 'Escolha…', callbackAt: 'Retornar em', note: 'Observação', save: 'Salvar',
  dismiss: 'Dispensar', saving: 'Salvando…', saved: 'Tabulação salva.', noteSaved: 'Observação salva.',
  pick: 'Escolha o resultado da ligação.',
  refused: 'Foi salvo, mas {p} recusou{m}. Salve de novo para reenviar.',
  failed: 'Foi salvo, mas não foi possível enviar para {p}{m}. Salve de novo para tentar outra vez.',
  wrap_up_not_open: 'Esta ligação ainda não foi atendida: adicione suas observações quando for.',
  wrap_up_closed: 'Esta ligação não pode mais ser alterada: o prazo para tabulá-la acabou.',
  unknown_disposition: 'Este resultado não existe mais: recarregue a página e escolha outro.',
  disposition_not_offered: 'Este resultado não combina com o que aconteceu na ligação: escolha outro.',
  callback_time_required: 'Escolha quando retornar a ligação.',
  callback_time_in_past: 'Esse horário já passou: escolha um mais tarde para retornar.',
  note_too_long: 'A observação é longa demais: encurte e salve de novo.'
};
