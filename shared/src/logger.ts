import pino, { Logger } from 'pino';

/** Structured JSON logs (pino). `LOG_LEVEL` sets the level; services name themselves with `service`. */
export function createLogger(service: string): Logger {
  return pino({
    name: service,
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service },
    // Personal data never belongs in operational logs; these keys are dropped if a caller logs them by mistake.
    redact: { paths: ['*.idNumber', '*.id_number', '*.name', 'req.headers.authorization'], remove: true },
  });
}

export type { Logger };
