import { writeFileSync } from 'node:fs';
import { hubInfoFile, startHubProcess } from './hub';

/** One hub for all integration suites: started exactly as `npm start` does, on test ports. */
export default async function globalSetup(): Promise<void> {
  const { child, info } = await startHubProcess({ gatewayPort: 24100, pgPort: 24199 });
  writeFileSync(hubInfoFile, JSON.stringify(info));
  (globalThis as { __HUB__?: typeof child }).__HUB__ = child;
}
