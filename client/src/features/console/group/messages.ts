/** The console's SAMU and recovery section, in French and English. */
const fr = {
  samu: 'SAMU – Centre 15',
  noSamu: 'Aucun SAMU au registre.',
  hostedAt: 'Hébergé sur le site {site} ({hospital})',
  stages: 'Étapes de rétablissement',
  stageName: '{n}. {stage}',
  stageSystems: 'Systèmes : {systems}',
  validateAfter: 'Ne peut être validée qu’après : {stages}.',
  readOnly:
    'Lecture seule : les SAMU et les étapes de rétablissement concernent tout le groupe. Seul un commandement sans restriction de périmètre, ou la direction de crise, peut les modifier.',
};

type Messages = typeof fr;

const en: Messages = {
  samu: 'SAMU – Centre 15',
  noSamu: 'No SAMU in the registry.',
  hostedAt: 'Hosted at site {site} ({hospital})',
  stages: 'Recovery stages',
  stageName: '{n}. {stage}',
  stageSystems: 'Systems: {systems}',
  validateAfter: 'Can only be validated after: {stages}.',
  readOnly:
    'Read only: the SAMU and the recovery stages concern the whole group. Only a commander without a scope restriction, or the incident lead, can change them.',
};

export const messages = { fr, en };
