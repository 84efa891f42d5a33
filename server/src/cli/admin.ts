/**
 * The first admin, and the break-glass reset, from the server host:
 *   pnpm admin <login> "<Prénom Nom>"
 * creates the admin account (or gives an existing account admin rights back, enabled) and prints a
 * one-time sign-in link valid one hour, saying which store it wrote to (the demo's or the real
 * incident's: VIGIE_MODE, demo by default). There is no default password; the server may be running.
 */
import { accessPaths } from '@vigie/shared';
import { Access } from '../access/access.ts';
import { loadConfig } from '../config/env.ts';
import { loadRegistry } from '../registry/loadRegistry.ts';
import { openPgAccessStore } from '../store/postgres/pgAccessStore.ts';
import { openPool } from '../store/postgres/pool.ts';
import { openSqliteAccessStore } from '../store/sqlite/sqliteAccessStore.ts';

const [login, ...nameWords] = process.argv.slice(2);
const name = nameWords.join(' ').trim();
if (!login || !/^[a-z0-9._-]{2,60}$/.test(login) || !name) {
  console.error('usage: pnpm admin <login> "<Prénom Nom>"   (login: 2-60 of a-z 0-9 . _ -)');
  process.exit(2);
}
const config = loadConfig();
// The access store the servers read: the shared database's when there is one.
const pool = config.databaseUrl ? openPool(config.databaseUrl, { max: 2 }) : null;
const store = pool ? await openPgAccessStore(pool) : openSqliteAccessStore(config.accessStorePath);
const access = new Access(store, loadRegistry(config.registryPath), { openRead: config.openRead });
const entry = await access.bootstrapAdmin(login, name);
await store.close();
await pool?.end();
const where = config.databaseUrl ? config.databaseUrl.replace(/:[^:@/]*@/, ':***@') : config.accessStorePath;
const expires = new Date(entry.expiresAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' });
// Which store, first and plainly: without VIGIE_MODE=live the account lands in the demo's store,
// and the real incident's server would not know it.
const storeLine =
  config.mode === 'demo'
    ? `Magasin de la DÉMONSTRATION : ${where}\n` +
      `  Ce compte ne vaut que pour la démonstration. Pour l'incident réel : VIGIE_MODE=live pnpm admin ${login} "${name}"\n`
    : `Magasin de l'incident réel : ${where}\n`;
console.log(
  storeLine +
    `Administrateur « ${entry.name} » (${entry.login}) — code à usage unique, valable jusqu'au ${expires} :\n` +
    `  ${entry.code}\n  ${config.allowedOrigins?.[0] ?? `http://localhost:${config.port}`}${accessPaths.signIn}#code=${entry.code}\n` +
    'Une fois connecté, choisissez un mot de passe dans « Mon compte ».',
);
