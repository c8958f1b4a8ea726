import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_ROLES } from './roles';

/**
 * Secrets of the embedded default, generated on first start and kept with the data (mode 0600): the
 * embedded PostgreSQL password, the key of the pseudonymous ids and the passwords of the hub's database roles
 * (docs/operations.md#database-roles). Changing the id key would orphan every id already stored, so it is
 * generated once and never rotated silently. A data folder from before the database roles gets their
 * passwords added on its next start.
 */
export interface HubSecrets {
  postgresPassword: string;
  idKey: string;
  /** Password of each database role by name (`hub_owner`, `hub_svc_<database>`, `hub_audit_reader`). */
  databaseRoles: Record<string, string>;
}

const newPassword = () => randomBytes(18).toString('base64url');

export function loadOrCreateSecrets(dir: string): HubSecrets {
  const file = join(dir, 'secrets.json');
  let secrets: HubSecrets;
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<HubSecrets>;
    if (!parsed.postgresPassword || !parsed.idKey)
      throw new Error(`${file} is incomplete; restore it from backup or remove the data folder`);
    secrets = { postgresPassword: parsed.postgresPassword, idKey: parsed.idKey, databaseRoles: { ...parsed.databaseRoles } };
    if (DATABASE_ROLES.every(({ role }) => secrets.databaseRoles[role])) return secrets;
  } else {
    mkdirSync(dir, { recursive: true });
    secrets = { postgresPassword: newPassword(), idKey: randomBytes(32).toString('base64url'), databaseRoles: {} };
  }
  for (const { role } of DATABASE_ROLES) secrets.databaseRoles[role] ||= newPassword();
  // Written whole, then renamed over the old file: a reader never sees half of it.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  renameSync(tmp, file);
  return secrets;
}
