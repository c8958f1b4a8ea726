// What the benches read of a process from /proc: its CPU time and its parent.
import { readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat after the command name (which may itself hold spaces and parentheses). */
function statFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/**
 * CPU seconds (user + system) of a process and of its children that have ended, from /proc (clock ticks of 10 ms).
 * A PostgreSQL backend that closes during a measurement (the pools let an idle connection go after 10 s) leaves the
 * process list; its time moves to the postmaster's children's time, and is counted so it is not lost. Without it,
 * PostgreSQL's CPU came out too low or, below zero, not at all. 0 for a process that ended before it was read.
 */
export function cpuOf(pid) {
  try {
    const f = statFields(pid);
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return 0;
  }
}

/** The parent's pid; 0 for a process that ended before it was read. */
export function parentOf(pid) {
  try {
    return Number(statFields(pid)[1]);
  } catch {
    return 0;
  }
}
