import type { Server } from 'node:http';
import type express from 'express';

/** Listens on `host:port` (0: any free port); keeps idle connections longer than a typical proxy's timeout. */
export function listen(app: express.Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(server)));
    server.keepAliveTimeout = 65_000;
  });
}

/** The actual port of a listening server (it may have been started on port 0). */
export function portOf(server: Server): number {
  return (server.address() as { port: number }).port;
}
