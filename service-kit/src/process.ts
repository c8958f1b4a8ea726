import { createLogger, type Logger } from './logger';

/** A service that listens: where, and how to stop it (connections, pools). */
export interface RunningService {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** What a service process tells the process that started it (`hub start`), over the IPC channel when there is one. */
export interface ServiceListening {
  type: 'listening';
  name: string;
  url: string;
  port: number;
}

/**
 * Runs a service until SIGINT/SIGTERM, then stops it (closing connections and the database pool) before
 * exiting; a failure to start is logged and exits non-zero. A service started with an IPC channel (by
 * `hub start`) reports the port it listens on, so it can be started on port 0.
 */
export function runServiceProcess(name: string, start: () => Promise<RunningService>, logger: Logger = createLogger(name)): void {
  start().then(
    (running) => {
      if (process.send) {
        const message: ServiceListening = { type: 'listening', name, url: running.url, port: running.port };
        process.send(message);
      }
      let stopping = false;
      const shutdown = (signal: string) => {
        // A terminal's Ctrl-C reaches every process of the group and the supervisor passes it on too:
        // the second signal must not cut the clean shutdown short.
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        // Requests in flight get up to 1.5 s (closeServer); whatever still holds the process after 1.9 s
        // (a database pool that will not end) does not keep it from exiting within 2 s of the signal.
        setTimeout(() => {
          logger.error({ signal }, 'shutdown overran 1.9 s; exiting anyway');
          process.exit(1);
        }, 1900).unref();
        running.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
      // The parent's IPC channel closing means it is gone: a service does not outlive `hub start`.
      process.on('disconnect', () => shutdown('disconnect'));
    },
    (err: unknown) => {
      logger.fatal({ err }, `${name} failed to start`);
      process.exit(1);
    },
  );
}
