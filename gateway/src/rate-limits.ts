import { HeaderMap } from '@apollo/server';
import { limitsFor, type LimitsConfig } from '@hub/service-kit';
import { GraphQLError } from 'graphql';
import cluster from 'node:cluster';
import { type RateLimiterAbstract, RateLimiterCluster, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Requests per minute from one client address that fail authentication, before they are answered 429. */
const UNAUTHENTICATED_PER_MINUTE = 60;

/**
 * Requests per minute at the gateway (rate-limiter-flexible): per principal, sized by its roles (`perMinute`,
 * docs/security.md; the nightly service account pages fast), and per client address for requests that fail
 * authentication. Over the limit: HTTP 429, `Retry-After`, code RATE_LIMITED. One gateway process counts in its
 * memory; the workers of `HUB_GATEWAY_PROCESSES` > 1 count together in their primary's (RateLimiterCluster), so
 * N processes do not allow N times the rate. Gateways on separate machines each count for themselves.
 */
export class RateLimits {
  private readonly byRate = new Map<number, RateLimiterAbstract>();
  private readonly unauthenticated = RateLimits.make('unauthenticated', UNAUTHENTICATED_PER_MINUTE);

  constructor(private readonly config: LimitsConfig) {}

  private static make(name: string, perMinute: number): RateLimiterAbstract {
    return cluster.isWorker
      ? new RateLimiterCluster({ keyPrefix: `${name}-${perMinute}`, points: perMinute, duration: 60, timeoutMs: 1000 })
      : new RateLimiterMemory({ points: perMinute, duration: 60 });
  }

  private limiter(perMinute: number): RateLimiterAbstract {
    let l = this.byRate.get(perMinute);
    if (!l) this.byRate.set(perMinute, (l = RateLimits.make('principal', perMinute)));
    return l;
  }

  /** Counts one request of the principal; throws RATE_LIMITED (429) when it is one too many. */
  async principal(subject: string, roles: readonly string[]): Promise<void> {
    await this.consume(this.limiter(limitsFor(roles, this.config).perMinute), subject);
  }

  /** Counts one failed authentication from an address; throws RATE_LIMITED (429) when it is one too many. */
  async failedAuthentication(clientAddress: string): Promise<void> {
    await this.consume(this.unauthenticated, clientAddress);
  }

  private async consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      throw new GraphQLError(`请求过于频繁，请 ${seconds} 秒后再试`, {
        extensions: {
          code: 'RATE_LIMITED',
          retryAfterSeconds: seconds,
          http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) },
        },
      });
    }
  }
}
