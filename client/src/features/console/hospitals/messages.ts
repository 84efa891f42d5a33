/** The console's Hospitals section (picking a hospital, plan blanc consequences), in French and English. */
const fr = {
  hospital: 'Hôpital',
  noneCovered: 'Votre périmètre ne couvre aucun hôpital du registre : rien à modifier ici.',
  scopeNote: 'Seuls les hôpitaux de votre périmètre sont proposés.',
  outsideGhu: 'Hors GHU',
  levelAndMode: 'Niveau de réponse et fonctionnement',
  planBlancState: 'Plan blanc : {state}',
  triggers: 'Enregistrer vaut déclenchement du plan blanc : le préfet doit en être informé.',
  lifts: 'Enregistrer vaut levée du plan blanc.',
};

type Messages = typeof fr;

const en: Messages = {
  hospital: 'Hospital',
  noneCovered: 'Your scope covers no hospital of the registry: nothing to change here.',
  scopeNote: 'Only the hospitals within your scope are offered.',
  outsideGhu: 'Outside any GHU',
  levelAndMode: 'Response level and operating mode',
  planBlancState: 'Plan blanc: {state}',
  triggers: 'Saving triggers the plan blanc: the préfet must be informed.',
  lifts: 'Saving lifts the plan blanc.',
};

export const messages = { fr, en };
