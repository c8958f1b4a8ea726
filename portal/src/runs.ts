import { checkPurpose, type Logger, type TokenVerifier } from '@hub/service-kit';
import { GatewayClient, reconcile, writeRunReport } from '@hub/jobs';
import express, { type Router } from 'express';
import { sendError } from './http-errors';

export interface RunRoutesOptions {
  gatewayUrl: string;
  /** Where the report of a finished run is written. */
  reportsDir?: string;
  verifyToken: TokenVerifier;
  logger: Logger;
}

export interface RunRoutes {
  router: Router;
  /** Stops the runs started here after their pages in flight; they stay resumable. */
  stop(): void;
}

/**
 * `POST /jobs/reconcile`: a reconciliation started from the dashboard by a user holding `crosscheck:run` who
 * stated the purpose `reconciliation`, as that user (their token and jurisdiction). The job package runs it as a
 * client of the gateway, like the nightly run; the route answers once the run exists (202 with its id) and the
 * dashboard follows its progress through the graph.
 */
export function runRoutes(opts: RunRoutesOptions): RunRoutes {
  const { logger } = opts;
  const jobs = new Set<AbortController>();
  const router = express.Router();
  router.post('/jobs/reconcile', express.json({ limit: '10kb' }), async (req, res) => {
    try {
      const authorization = req.header('authorization') ?? '';
      const principal = await opts.verifyToken(authorization);
      const purpose = checkPurpose(principal, req.header('x-purpose'));
      if (!principal.scopes.includes('crosscheck:run') || purpose !== 'reconciliation') {
        res.status(403).json({ error: 'FORBIDDEN', message: '发起核查需要 crosscheck:run 权限，用途须为 reconciliation（比对核查）' });
        return;
      }
      const body = (req.body ?? {}) as { asOf?: string; region?: string };
      const region = String(body.region ?? principal.jurisdiction[0] ?? '');
      if (!/^\d{2,12}$/.test(region) || !principal.jurisdiction.some((j) => region.startsWith(j))) {
        res.status(400).json({ error: 'BAD_USER_INPUT', message: `核查区划须在您的辖区内: ${region}` });
        return;
      }
      const token = authorization.replace(/^Bearer\s+/i, '');
      const controller = new AbortController();
      jobs.add(controller);
      const started = new Promise<string>((resolve, reject) => {
        reconcile({
          signal: controller.signal,
          gateway: opts.gatewayUrl,
          token,
          logger,
          asOf: body.asOf,
          region,
          onRun: ({ id }) => resolve(id),
        })
          .then(
            async (run) => {
              if (!opts.reportsDir) return;
              const client = new GatewayClient({ url: opts.gatewayUrl, token, purpose: 'reconciliation', logger });
              await writeRunReport(client, run, opts.reportsDir).catch((err: Error) =>
                logger.error({ err: err.message }, 'report not written'),
              );
            },
            (err: Error) => {
              reject(err);
              logger.error({ err: err.message }, 'reconciliation started from the dashboard failed');
            },
          )
          .finally(() => jobs.delete(controller));
      });
      res.status(202).json({ runId: await started });
    } catch (err) {
      sendError(res, err, logger);
    }
  });
  return {
    router,
    stop() {
      for (const c of jobs) c.abort();
    },
  };
}
