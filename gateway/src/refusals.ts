import { appendChained, GATEWAY_REFUSALS, type Logger } from '@hub/service-kit';
import type { DataSource } from 'typeorm';

/** One refused request, as the gateway knows it at the moment it refuses. */
export interface Refusal {
  /** The token's subject when the caller was authenticated; null otherwise. */
  subject: string | null;
  roles: readonly string[];
  purpose: string | null;
  /** The error code the caller received (UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, OPERATION_LIMIT_EXCEEDED, …). */
  reason: string;
  clientAddress: string;
  /** SHA-256 of the operation's text, when there was one. */
  operationHash?: string | null;
}

interface Bucket {
  windowStart: Date;
  subject: string | null;
  roles: string[];
  purpose: string | null;
  reason: string;
  clientAddress: string;
  hashes: Set<string>;
  refusals: number;
}

/** Distinct (caller, reason) keys kept per minute; refusals beyond are counted in one overflow row. */
const MAX_KEYS_PER_WINDOW = 1_000;
/** Operation hashes kept per row. */
const MAX_HASHES = 5;

/**
 * Records every refusal at the gateway in its hash-chained `gateway_refusal_log`, aggregated so that an attacker
 * cannot fill the disk: one row per caller (subject, else client address), purpose and reason per minute, counting
 * the refusals and keeping the first operation hashes; at most 1,000 such rows a minute, the rest in one row with
 * reason OVERFLOW. Rows are written when their minute ends (and on stop), so a crash loses at most the current
 * minute's refusals — the responses to them were refusals, so nothing was disclosed meanwhile.
 */
export class RefusalLog {
  private buckets = new Map<string, Bucket>();
  private overflow: Bucket | null = null;
  private readonly windowMs: number;
  private windowStart: number;
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  /** `windowSeconds`: the aggregation window, a minute by default (`HUB_REFUSAL_WINDOW_SECONDS`). */
  constructor(
    private readonly ds: DataSource,
    private readonly logger: Logger,
    windowSeconds = 60,
  ) {
    this.windowMs = windowSeconds * 1000;
    this.windowStart = this.window(Date.now());
    this.timer = setInterval(() => void this.flush(false), Math.min(5_000, this.windowMs));
    this.timer.unref();
  }

  private window(ms: number): number {
    return ms - (ms % this.windowMs);
  }

  record(r: Refusal): void {
    const now = this.window(Date.now());
    if (now !== this.windowStart) void this.flush(true);
    const who = r.subject ?? `address:${r.clientAddress}`;
    const key = JSON.stringify([who, r.purpose, r.reason]);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_KEYS_PER_WINDOW) {
        this.overflow ??= this.bucket({ ...r, subject: null, roles: [], purpose: null, reason: 'OVERFLOW', clientAddress: '*' });
        this.overflow.refusals++;
        return;
      }
      bucket = this.bucket(r);
      this.buckets.set(key, bucket);
    }
    bucket.refusals++;
    if (r.operationHash && bucket.hashes.size < MAX_HASHES) bucket.hashes.add(r.operationHash);
  }

  private bucket(r: Refusal): Bucket {
    return {
      windowStart: new Date(this.windowStart),
      subject: r.subject,
      roles: [...r.roles],
      purpose: r.purpose,
      reason: r.reason,
      clientAddress: r.clientAddress.slice(0, 64),
      hashes: new Set(),
      refusals: 0,
    };
  }

  /** Writes the rows of the minute that ended (or of the current one too, when `all`). */
  flush(all: boolean): Promise<void> {
    const now = this.window(Date.now());
    if (!all && now === this.windowStart) return this.flushing;
    const rows = [...this.buckets.values(), ...(this.overflow ? [this.overflow] : [])];
    this.buckets = new Map();
    this.overflow = null;
    this.windowStart = now;
    if (rows.length === 0) return this.flushing;
    this.flushing = this.flushing.then(async () => {
      for (const b of rows) {
        await appendChained(this.ds, GATEWAY_REFUSALS, {
          window_start: b.windowStart,
          subject: b.subject,
          roles: b.roles,
          purpose: b.purpose,
          reason: b.reason,
          client_address: b.clientAddress,
          operation_hashes: [...b.hashes].sort(),
          refusals: b.refusals,
        }).catch((err: unknown) => this.logger.error({ err, reason: b.reason }, 'refusal log write failed'));
      }
    });
    return this.flushing;
  }

  /** Writes what is pending and stops the timer. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush(true);
  }
}
