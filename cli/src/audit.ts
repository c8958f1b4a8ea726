import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { appendFileSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  type ChainAnchor,
  type ChainedTable,
  chainName,
  CHAINED_TABLES,
  type HubDatabase,
  type Logger,
  verifyAuditChain,
} from '@hub/service-kit';
import { asRole, AUDIT_READER_ROLE, type RolePasswords } from './roles';

/**
 * Anchored audit chains (docs/access.md#audit-anchors). Every interval the head of each chained table (its
 * newest seq and hash) is signed with an Ed25519 key kept in the data folder — never in PostgreSQL, so no
 * database role can read it — and appended as one JSON line to that chain's file in `audit-anchors/`.
 * `hub audit verify` then checks each chain against its anchors: a chain rewritten with recomputed hashes no
 * longer matches an anchored hash, deleted newest rows leave an anchor beyond the last row, and an emptied
 * table leaves anchors without rows.
 */

/** How often the head of each chain is signed, unless `HUB_AUDIT_ANCHOR_SECONDS` says otherwise. */
const DEFAULT_ANCHOR_SECONDS = 60;

/** `HUB_AUDIT_ANCHOR_SECONDS`: seconds between anchors (default 60), or `off`. */
export function anchorInterval(raw: string | undefined = process.env.HUB_AUDIT_ANCHOR_SECONDS): number | 'off' {
  if (raw === undefined || raw === '') return DEFAULT_ANCHOR_SECONDS;
  if (raw === 'off') return 'off';
  const seconds = Number(raw);
  if (!(seconds > 0) || !Number.isFinite(seconds))
    throw new Error(`HUB_AUDIT_ANCHOR_SECONDS must be a number of seconds above 0, or off; got ${raw}`);
  return seconds;
}

export interface AnchorPaths {
  /** One JSON-lines file per chain: `<database>.<table>.jsonl`. */
  dir: string;
  /** The signing key (mode 0600): `{ kid, privateJwk, publicJwk }`. */
  keyFile: string;
}

/** `<data-dir>/audit-anchors/` and `<data-dir>/audit-anchor-key.json`, or `HUB_AUDIT_ANCHOR_DIR` / `HUB_AUDIT_ANCHOR_KEY_FILE`. */
export function anchorPaths(dataDir: string, env: NodeJS.ProcessEnv = process.env): AnchorPaths {
  return {
    dir: resolve(env.HUB_AUDIT_ANCHOR_DIR || join(dataDir, 'audit-anchors')),
    keyFile: resolve(env.HUB_AUDIT_ANCHOR_KEY_FILE || join(dataDir, 'audit-anchor-key.json')),
  };
}

/** Each chained table with the audit reader's connection to its database: the role anchoring and verification use. */
export function readerTargets(
  urls: Readonly<Record<HubDatabase, string>>,
  passwords: RolePasswords,
): { chain: ChainedTable; url: string }[] {
  return CHAINED_TABLES.map((chain) => ({ chain, url: asRole(urls[chain.database], AUDIT_READER_ROLE, passwords[AUDIT_READER_ROLE]) }));
}

interface VerifyKey {
  /** The first 16 hex digits of the SHA-256 of the public key (SPKI): printed by verify, to compare with a copy kept elsewhere. */
  kid: string;
  publicKey: KeyObject;
}

interface SigningKey extends VerifyKey {
  privateKey: KeyObject;
}

interface AnchorKeyFile {
  alg: 'Ed25519';
  kid: string;
  privateJwk: JsonWebKey;
  publicJwk: JsonWebKey;
}

const keyId = (publicKey: KeyObject) =>
  createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 16);

function loadOrCreateAnchorKey(file: string): SigningKey {
  if (!existsSync(file)) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const stored: AnchorKeyFile = {
      alg: 'Ed25519',
      kid: keyId(publicKey),
      privateJwk: privateKey.export({ format: 'jwk' }),
      publicJwk: publicKey.export({ format: 'jwk' }),
    };
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process (`hub start` and `hub audit anchor` at once) created it first: use that one.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as AnchorKeyFile;
  const publicKey = createPublicKey({ key: stored.publicJwk, format: 'jwk' });
  return { kid: keyId(publicKey), publicKey, privateKey: createPrivateKey({ key: stored.privateJwk, format: 'jwk' }) };
}

function loadVerifyKey(file: string): VerifyKey | undefined {
  if (!existsSync(file)) return undefined;
  const publicKey = createPublicKey({ key: (JSON.parse(readFileSync(file, 'utf8')) as AnchorKeyFile).publicJwk, format: 'jwk' });
  return { kid: keyId(publicKey), publicKey };
}

/** One line of an anchor file. */
interface AnchorLine extends ChainAnchor {
  chain: string;
  kid: string;
  /** Ed25519 over `signedBytes`, base64url. */
  sig: string;
}

const signedBytes = (chain: string, a: ChainAnchor) =>
  Buffer.from(JSON.stringify(['hub-audit-anchor/1', chain, a.seq, a.hash, a.at]), 'utf8');

const anchorFile = (dir: string, chain: ChainedTable) => join(dir, `${chain.database}.${chain.spec.table}.jsonl`);

/** A line of `chain`'s anchor file, checked: its chain, its key, its signature. Throws saying what is wrong. */
function parseAnchor(text: string, chain: string, key: VerifyKey): ChainAnchor {
  let line: AnchorLine;
  try {
    line = JSON.parse(text) as AnchorLine;
  } catch {
    throw new Error('not a JSON line');
  }
  if (line.chain !== chain) throw new Error(`names chain ${JSON.stringify(line.chain)}`);
  if (line.kid !== key.kid) throw new Error(`signed by key ${JSON.stringify(line.kid)}, not by the anchor key ${key.kid}`);
  if (!Number.isSafeInteger(line.seq) || line.seq < 1 || !/^[0-9a-f]{64}$/.test(line.hash) || typeof line.at !== 'string')
    throw new Error('malformed');
  const anchor = { seq: line.seq, hash: line.hash, at: line.at };
  if (typeof line.sig !== 'string' || !verify(null, signedBytes(chain, anchor), key.publicKey, Buffer.from(line.sig, 'base64url')))
    throw new Error('its signature does not verify (altered or forged)');
  return anchor;
}

/** Every anchor of a chain, each line's signature checked; `problem` names the first line that fails. */
function readAnchors(dir: string, chain: ChainedTable, key: VerifyKey | undefined): { anchors: ChainAnchor[]; problem?: string } {
  const file = anchorFile(dir, chain);
  if (!existsSync(file)) return { anchors: [] };
  const lines = readFileSync(file, 'utf8').split('\n');
  const anchors: ChainAnchor[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    if (!key) return { anchors, problem: `${file} holds anchors, but there is no anchor key to check them against` };
    try {
      anchors.push(parseAnchor(lines[i], chainName(chain), key));
    } catch (err) {
      return { anchors, problem: `${file} line ${i + 1}: ${(err as Error).message}` };
    }
  }
  return { anchors };
}

/** The newest anchor of a chain (the file's last line, read from its tail), checked like any other. */
function lastAnchor(dir: string, chain: ChainedTable, key: VerifyKey): ChainAnchor | undefined {
  const file = anchorFile(dir, chain);
  if (!existsSync(file)) return undefined;
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, size - length);
    const last = buf
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim())
      .pop();
    return last ? parseAnchor(last, chainName(chain), key) : undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * One round: for each chain, verify the rows added since its last anchor (the row that anchor names must still
 * carry its hash) and sign the new head. A chain that does not extend its last anchor is not anchored again —
 * signing it would bless the tampering — and is logged as an error (once, until it changes).
 */
async function anchorRound(
  targets: readonly { chain: ChainedTable; url: string }[],
  dir: string,
  key: SigningKey,
  logger: Logger,
  reported: Map<string, string>,
): Promise<string[]> {
  const out: string[] = [];
  for (const { chain, url } of targets) {
    const name = chainName(chain);
    try {
      const last = lastAnchor(dir, chain, key);
      const report = await verifyAuditChain(url, chain.spec, { from: last, applicationName: 'hub-audit-anchor' });
      if (report.firstBroken) {
        const message = `BROKEN at seq ${report.firstBroken.seq}: ${report.firstBroken.reason}`;
        if (reported.get(name) !== message)
          logger.error({ chain: name, ...report.firstBroken }, 'audit chain does not extend its last anchor; not anchored');
        reported.set(name, message);
        out.push(`${name}: not anchored, ${message}`);
        continue;
      }
      reported.delete(name);
      if (!report.head) out.push(`${name}: empty, nothing to anchor`);
      else if (last && report.head.seq === last.seq) out.push(`${name}: unchanged since seq ${last.seq}`);
      else {
        const anchor: ChainAnchor = { ...report.head, at: new Date().toISOString() };
        const line: AnchorLine = {
          chain: name,
          ...anchor,
          kid: key.kid,
          sig: sign(null, signedBytes(name, anchor), key.privateKey).toString('base64url'),
        };
        mkdirSync(dir, { recursive: true });
        appendFileSync(anchorFile(dir, chain), `${JSON.stringify(line)}\n`);
        out.push(`${name}: anchored seq ${anchor.seq}`);
      }
    } catch (err) {
      const message = (err as Error).message;
      if (reported.get(name) !== message)
        logger.warn({ chain: name, err: message }, 'audit anchoring failed for this chain; will try again');
      reported.set(name, message);
      out.push(`${name}: failed, ${message}`);
    }
  }
  return out;
}

/** `hub audit anchor --once`: one round, and what it did per chain. */
export async function anchorOnce(opts: {
  targets: readonly { chain: ChainedTable; url: string }[];
  paths: AnchorPaths;
  logger: Logger;
}): Promise<string[]> {
  return anchorRound(opts.targets, opts.paths.dir, loadOrCreateAnchorKey(opts.paths.keyFile), opts.logger, new Map());
}

/**
 * Anchors every `seconds` until stopped (`hub start`'s timer, `hub audit anchor`): the first round at once,
 * each next one an interval after the previous ended, so rounds never overlap.
 */
export function startAnchoring(opts: {
  targets: readonly { chain: ChainedTable; url: string }[];
  paths: AnchorPaths;
  seconds: number;
  logger: Logger;
}): { stop(): Promise<void> } {
  const key = loadOrCreateAnchorKey(opts.paths.keyFile);
  const reported = new Map<string, string>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<unknown> = Promise.resolve();
  const tick = () => {
    round = anchorRound(opts.targets, opts.paths.dir, key, opts.logger, reported).finally(() => {
      if (!stopped) timer = setTimeout(tick, opts.seconds * 1000);
    });
  };
  opts.logger.info({ seconds: opts.seconds, dir: opts.paths.dir, key: key.kid }, 'audit chains anchored');
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round.catch(() => undefined);
    },
  };
}

/**
 * `hub audit verify`: each chain recomputed and checked against its anchors; one line per chain. Returns
 * false if any chain (or any anchor file) does not verify.
 */
export async function verifyChains(opts: {
  targets: readonly { chain: ChainedTable; url: string }[];
  paths: AnchorPaths;
  print: (line: string) => void;
}): Promise<boolean> {
  const key = loadVerifyKey(opts.paths.keyFile);
  if (key) opts.print(`anchors in ${opts.paths.dir}, signed by key ${key.kid}`);
  let intact = true;
  for (const { chain, url } of opts.targets) {
    const name = chainName(chain);
    const { anchors, problem } = readAnchors(opts.paths.dir, chain, key);
    if (problem) {
      intact = false;
      opts.print(`${name}: BROKEN anchors: ${problem}`);
      continue;
    }
    const report = await verifyAuditChain(url, chain.spec, { anchors, applicationName: 'hub-audit-verify' });
    if (report.firstBroken) {
      intact = false;
      opts.print(`${name}: BROKEN at seq ${report.firstBroken.seq}: ${report.firstBroken.reason} (${report.rows} rows verified before it)`);
      continue;
    }
    const a = report.anchoredAt;
    const after = a ? report.rows - a.seq : 0;
    opts.print(
      `${name}: ${report.rows} rows, chain intact, ` +
        (a ? `anchored up to seq ${a.seq} (${a.at})${after ? `; ${after} newer rows not anchored yet` : ''}` : 'not anchored yet'),
    );
  }
  return intact;
}

/** `hub start`'s anchoring: every HUB_AUDIT_ANCHOR_SECONDS (default 60) as the audit reader, or none if `off`. */
export function anchorWhileRunning(opts: {
  urls: Readonly<Record<HubDatabase, string>>;
  passwords: RolePasswords;
  dataDir: string;
  logger: Logger;
}): { stop(): Promise<void> } {
  const seconds = anchorInterval();
  if (seconds === 'off') {
    opts.logger.warn('audit chains NOT anchored (HUB_AUDIT_ANCHOR_SECONDS=off): a rewritten chain would verify as intact');
    return { stop: async () => {} };
  }
  return startAnchoring({
    targets: readerTargets(opts.urls, opts.passwords),
    paths: anchorPaths(opts.dataDir),
    seconds,
    logger: opts.logger,
  });
}
