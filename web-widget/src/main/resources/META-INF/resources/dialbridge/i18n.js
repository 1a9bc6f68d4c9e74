// English labels; i18n/<lang>.js adds each error code's sentence (and its labels). `network` is here: no
// server, no pack.
export const words = {
  en: {
    call: 'Call', hangUp: 'Hang up', placing: 'Placing call…', dialing: 'Dialing…', ringing: 'Ringing…',
    answered: 'On call {t}', COMPLETED: 'Call ended', BUSY: 'Busy', NO_ANSWER: 'No answer',
    CANCELED: 'Call canceled', REJECTED: 'Call rejected', FAILED: 'Call failed',
    other: 'You are on a call to {n}: {s}', onPhone: 'Hang up on your phone.', error: 'Something went wrong',
    network: 'Could not reach the server.'
  }
};
const packs = {};
// A failed pack: English labels and the API's detail, until the next error tries again
export const pack = lang => packs[lang] ??= import(`./i18n/${lang}.js`).then(m => {
  words[lang] = { ...words[lang], ...m.default };
}, () => {
  delete packs[lang];
  words[lang] ??= words.en;
});

export const language = el => {
  const tag = el.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang;
  return /^es(-|$)/i.test(tag) ? 'es' : /^pt/i.test(tag) ? 'pt-BR' : 'en';
};
