import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Secrets of the embedded default, generated on first start and kept with the data (mode 0600): the
 * embedded PostgreSQL password and the key of the pseudonymous ids. Changing the id key would orphan
 * every id already stored, so it is generated once and never rotated silently.
 */
export interface HubSecrets {
  postgresPassword: string;
  idKey: string;
}

export function loadOrCreateSecrets(dir: string): HubSecrets {
  const file = join(dir, 'secrets.json');
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<HubSecrets>;
    if (!parsed.postgresPassword || !parsed.idKey)
      throw new Error(`${file} is incomplete; restore it from backup or remove the data folder`);
    return parsed as HubSecrets;
  }
  mkdirSync(dir, { recursive: true });
  const secrets: HubSecrets = {
    postgresPassword: randomBytes(18).toString('base64url'),
    idKey: randomBytes(32).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
