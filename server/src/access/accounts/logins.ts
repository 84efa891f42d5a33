/** Logins derived from a person's name when the admin gives none. */

/** "Élodie N'Guyen-Martin" → "elodie.nguyen-martin". */
export function loginBase(name: string): string {
  const base = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '.')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 50);
  return base.length >= 2 ? base : `compte.${base}`;
}

/** The name's login base, numbered past every login in `taken` (which it joins). */
export function uniqueLogin(name: string, taken: Set<string>): string {
  const base = loginBase(name);
  let login = base;
  for (let n = 2; taken.has(login); n++) login = `${base}${n}`;
  taken.add(login);
  return login;
}
