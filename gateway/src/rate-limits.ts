import { HeaderMap } from '@apollo/server';
import { limitsFor, type LimitsConfig } from '@hub/service-kit';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Requests per minute from one client address that fail authentication, before they are answered 429. */
const UNAUTHENTICATED_PER_MINUTE = 60;

/**
 * Requests per minute at the gateway (rate-limiter-flexible, in this process's memory): per principal, sized by
 * its roles (`perMinute`, docs/security.md; the nightly service account pages fast), and per client address for
 * requests that fail authentication. Over the limit: HTTP 429, `Retry-After`, code RATE_LIMITED. Each gateway
 * process counts for itself: N processes allow N times the rate.
 */
export class RateLimits {
  private readonly byRate = new Map<number, RateLimiterMemory>();
  private readonly unauthenticated = new RateLimiterMemory({ points: UNAUTHENTICATED_PER_MINUTE, duration: 60 });

  constructor(private readonly config: LimitsConfig) {}

  private limiter(perMinute: number): RateLimiterMemory {
    let l = this.byRate.get(perMinute);
    if (!l) this.byRate.set(perMinute, (l = new RateLimiterMemory({ points: perMinute, duration: 60 })));
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

  private async consume(limiter: RateLimiterMemory, key: string): Promise<void> {
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
