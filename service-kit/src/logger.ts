import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs (pino) to stdout, or to `destination`. The level is `level`, else `LOG_LEVEL`, else info;
 * services name themselves with `service`.
 */
export function createLogger(service: string, destination?: DestinationStream, level?: pino.LevelWithSilent): Logger {
  const options: pino.LoggerOptions = {
    name: service,
    level: level ?? process.env.LOG_LEVEL ?? 'info',
    base: { service },
    // Personal data never belongs in operational logs; these keys are dropped if a caller logs them by mistake.
    redact: { paths: ['*.idNumber', '*.id_number', '*.name', 'req.headers.authorization'], remove: true },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
