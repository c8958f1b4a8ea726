import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { hubInfo } from './hub';

/** @public (jest’s global teardown) */
export default async function globalTeardown(): Promise<void> {
  const child = (globalThis as { __HUB__?: ChildProcess }).__HUB__;
  if (!child) return;
  const info = hubInfo();
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT'); // the same clean shutdown as Ctrl-C
    setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
  });
  rmSync(info.dataDir, { recursive: true, force: true });
  rmSync(dirname(process.env.HUB_TEST_INFO!), { recursive: true, force: true });
}
