/** Public summary text, in French and English (the field labels are the points de situation's own). */
const fr = {
  published: 'Point de situation n° {number}, publié {time}, il y a {age}',
  nextPoint: 'Prochain point prévu à {time}',
  late: 'en retard de {late}',
};

type Messages = typeof fr;

const en: Messages = {
  published: 'Situation report no. {number}, published {time}, {age} ago',
  nextPoint: 'Next report due at {time}',
  late: 'overdue by {late}',
};

export const messages = { fr, en };
