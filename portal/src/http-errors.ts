import { GraphQLRequestError } from '@hub/jobs';
import type { Logger } from '@hub/service-kit';
import type { Response } from 'express';

/**
 * A route's failure as the client may see it: token and purpose errors keep their message (401, 403), a refusal
 * by the graph becomes 409, anything else is logged and answered generically (500, no stack, no paths).
 */
export function sendError(res: Response, err: unknown, logger: Logger): void {
  const code = (err as { extensions?: { code?: string } }).extensions?.code;
  if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') {
    res.status(code === 'UNAUTHENTICATED' ? 401 : 403).json({ error: code, message: (err as Error).message });
    return;
  }
  if (err instanceof GraphQLRequestError && err.errors.some((e) => ['FORBIDDEN', 'BAD_USER_INPUT'].includes(String(e.extensions?.code)))) {
    res.status(409).json({ error: 'CONFLICT', message: err.errors[0].message });
    return;
  }
  logger.error({ err }, 'request failed');
  res.status(500).json({ error: 'INTERNAL_SERVER_ERROR', message: '服务器内部错误' });
}
