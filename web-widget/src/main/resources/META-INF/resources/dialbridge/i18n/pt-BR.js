// <click-to-call> in Brazilian Portuguese: its labels, loaded before its first render, and a sentence for
// each error code of the API. {t}: a clock or countdown; {n}, {s}: the other call's number and status;
// {m}: the provider's own words. The keys are those of i18n.js and i18n/en.js.
const refused = 'O servidor recusou a solicitação: recarregue a página e tente de novo.';
const noHangUp = 'Esta linha não desliga por aqui: desligue no seu telefone.';
const silent = 'A operadora não respondeu: confira seu telefone antes de ligar de novo.';

export default {
  call: 'Ligar', hangUp: 'Desligar', placing: 'Iniciando ligação…', dialing: 'Discando…', ringing: 'Chamando…',
  answered: 'Em ligação {t}', COMPLETED: 'Ligação encerrada', BUSY: 'Ocupado', NO_ANSWER: 'Não atendeu',
  CANCELED: 'Ligação cancelada', REJECTED: 'Ligação recusada', FAILED: 'A ligação falhou',
  other: 'Você está em uma ligação para {n}: {s}', onPhone: 'Desligue no seu telefone.', error: 'Algo deu errado',
  network: 'Não foi possível conectar ao servidor.',

  unauthenticated: 'Faça login para ligar.',
  unavailable: 'As ligações não estão disponíveis aqui.',
  agent_busy: 'Você já está em uma ligação.',
  wrap_up_pending: 'Tabule sua última ligação antes de fazer a próxima.',
  invalid_number: 'Este número não é válido: confira e tente de novo.',
  number_not_allowed: 'Você não pode ligar para este número.',
  forbidden: 'Você não tem permissão para isso.',
  agent_not_mapped: 'Você ainda não tem ramal: peça um ao administrador.',
  invalid_request: refused, invalid_json: refused, csrf_rejected: refused, not_found: refused,
  method_not_allowed: refused, not_acceptable: refused, body_too_large: refused, unsupported_media_type: refused,
  call_not_found: 'Esta ligação não existe mais: recarregue a página.',
  provider_not_found: 'Esta linha telefônica não está configurada: escolha outra.',
  call_already_ended: 'A ligação já terminou.',
  call_not_connected: 'A ligação ainda não foi conectada: tente de novo em instantes.',
  hangup_unsupported: noHangUp, operation_unsupported: noHangUp,
  rate_limited: 'Você fez ligações demais: pode ligar de novo em {t}.',
  provider_rejected: 'A operadora recusou a ligação{m}.',
  provider_authentication_failed: 'A operadora recusou as credenciais do Dialbridge: avise o administrador.',
  provider_unavailable: silent, provider_timeout: silent,
  store_unavailable: 'Agora não é possível salvar as ligações: tente de novo em instantes.',
  internal_error: 'Algo deu errado no servidor: tente de novo.'
};
