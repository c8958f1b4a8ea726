import { SingleBar } from 'cli-progress';

/** The operator's progress bar on stderr (children/s and ETA), or none when stderr is not a terminal. */
export function progressBar(label: string, extra = '', enabled = process.stderr.isTTY): SingleBar | undefined {
  if (!enabled) return undefined;
  return new SingleBar({
    format: `  ${label} {bar} {percentage}% | {value}/{total} children | {rate}/s | ETA {eta_formatted}${extra}`,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    etaBuffer: 50,
    fps: 5,
    stream: process.stderr,
  });
}
