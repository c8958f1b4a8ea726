import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FAMILY_SCOPES, familyOf, holdsAll, isRuleId } from '@hub/domain';
import { checkPurpose, type Logger, type TokenVerifier } from '@hub/service-kit';
import express, { type Router } from 'express';
import { askGraph } from './graph';
import { sendError } from './http-errors';

export interface ReportRoutesOptions {
  /** Where the nightly job writes `<run id>.json` and `<run id>.xlsx`. */
  reportsDir: string;
  gatewayUrl: string;
  verifyToken: TokenVerifier;
  logger: Logger;
}

/** Asked of civil affairs through the gateway, as the person downloading: authorized there and audited by both. */
const RUN_OF_REPORT = `query downloadReport($id: ID!) { reconciliationRun(id: $id) { id region rules } }`;

/**
 * `GET /reports/<run id>.xlsx|.json`: a run's report lists every finding of the run, so it goes only to a caller
 * who may read the run through the graph (scope `crosscheck:read`, the run in view), whose jurisdiction covers
 * the run's whole region, and who holds the scopes of every rule family in it. The run is read through the
 * gateway as the caller, so the download is on the gateway's and civil affairs' audit logs; the portal itself
 * keeps no database.
 */
export function reportRoutes(opts: ReportRoutesOptions): Router {
  const router = express.Router();
  router.get('/reports/:file', async (req, res) => {
    try {
      const authorization = req.header('authorization') ?? '';
      const principal = await opts.verifyToken(authorization);
      const purpose = checkPurpose(principal, req.header('x-purpose'));
      const file = String(req.params.file);
      const m = /^([0-9a-f-]{36})\.(xlsx|json)$/.exec(file);
      if (!m || !existsSync(join(opts.reportsDir, file))) {
        res.status(404).json({ error: 'NOT_FOUND', message: '没有此报告' });
        return;
      }
      const answer = await askGraph<{ reconciliationRun: { id: string; region: string; rules: string[] } | null }>(
        opts.gatewayUrl,
        { authorization, purpose, requestId: req.header('x-request-id')?.slice(0, 100) },
        'downloadReport',
        RUN_OF_REPORT,
        { id: m[1] },
      );
      const run = answer.data?.reconciliationRun;
      if (!run) {
        const denied = answer.errors.some((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE');
        if (denied) res.status(403).json({ error: 'FORBIDDEN', message: '下载核查报告需要 crosscheck:read 权限' });
        else if (answer.status >= 500) res.status(502).json({ error: 'BAD_GATEWAY', message: '核查任务信息暂不可用' });
        else res.status(404).json({ error: 'NOT_FOUND', message: '没有此报告' });
        return;
      }
      const needed = [...new Set(run.rules.filter(isRuleId).flatMap((r) => FAMILY_SCOPES[familyOf(r)] ?? []))];
      if (!principal.jurisdiction.some((j) => run.region.startsWith(j)) || !holdsAll(principal.scopes, needed)) {
        res.status(403).json({ error: 'FORBIDDEN', message: `下载此报告需要覆盖区划 ${run.region} 的辖区和权限 ${needed.join('、')}` });
        return;
      }
      res.sendFile(file, { root: opts.reportsDir, headers: { 'cache-control': 'no-store' } });
    } catch (err) {
      sendError(res, err, opts.logger);
    }
  });
  return router;
}
