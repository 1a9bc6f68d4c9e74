// <dialbridge-phone> (dialbridge-phone.js) in Brazilian Portuguese. The keys are those of its English words.
export default {
  ringing: 'Chamada recebida', answered: 'Em chamada', missed: 'Chamada perdida', ended: 'Chamada encerrada',
  unknown: 'Número desconhecido', choose: 'Quem está ligando?', open: 'Abrir',
  create: 'Criar contato', dismiss: 'Fechar', contact: 'Contato {id}', failed: 'Não funcionou: tente novamente.'
};
