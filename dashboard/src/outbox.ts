import { useEffect, useRef, useState } from 'react';
import { ApiError, gql, NetworkError, type Session } from './api';
import { subjectOf } from './cases';

/**
 * Entries a child director made where the signal dropped: kept on the phone (localStorage, per user) and sent when
 * the link returns — on the browser's `online` event, every 30 seconds while any wait, and when the page opens
 * again. Each entry carries the client's own key (`requestKey`), made once when the entry is made, so an entry sent
 * twice (the answer lost on the way back) is recorded once (docs/ledger.md). A refusal by the hub (a bad date, a
 * child no longer in the village) is not retried: it is shown with the hub's words and the entry is dropped.
 */
export interface PendingEntry {
  requestKey: string;
  /** What the user sees in the list of entries waiting: `走访 · 张三 · 2026-12-02`. */
  label: string;
  /** The child the entry is about ('' for an entry about a village, such as a screening report). */
  childId: string;
  mutation: string;
  input: Record<string, unknown>;
  madeAt: string;
}

const keyOf = (session: Session) => `hub-outbox:${subjectOf(session)}`;

function pending(session: Session): PendingEntry[] {
  try {
    return JSON.parse(localStorage.getItem(keyOf(session)) ?? '[]') as PendingEntry[];
  } catch {
    return [];
  }
}

function save(session: Session, entries: PendingEntry[]): void {
  localStorage.setItem(keyOf(session), JSON.stringify(entries));
  window.dispatchEvent(new Event('hub-outbox'));
}

/** A new UUID for one entry (its key for every retry). */
export function newRequestKey(): string {
  return crypto.randomUUID();
}

type SendResult = { sent: true } | { sent: false; waiting: true } | { sent: false; waiting: false; error: string };

async function sendOne(session: Session, e: PendingEntry): Promise<SendResult> {
  try {
    await gql(session, e.mutation, { input: e.input });
    return { sent: true };
  } catch (err) {
    if (err instanceof NetworkError) return { sent: false, waiting: true };
    return { sent: false, waiting: false, error: err instanceof ApiError ? err.message : '提交失败' };
  }
}

/** Keeps the entry on the phone first, then tries to send it (and anything else waiting). */
async function submit(session: Session, entry: PendingEntry): Promise<SendResult> {
  save(session, [...pending(session).filter((p) => p.requestKey !== entry.requestKey), entry]);
  const result = await sendOne(session, entry);
  if (result.sent || !result.waiting)
    save(
      session,
      pending(session).filter((p) => p.requestKey !== entry.requestKey),
    );
  return result;
}

/**
 * Makes one entry — its key (sent again with every retry), the time it was made — and submits it; the outcome in the
 * words the entry forms show: `…：已保存。`, `…：网络不通，已保存在本机，恢复连接后自动发送。`, or the hub's refusal.
 */
export async function recordEntry(
  session: Session,
  entry: Pick<PendingEntry, 'label' | 'mutation' | 'childId' | 'input'>,
): Promise<{ outcome: 'sent' | 'waiting' | 'refused'; text: string }> {
  const requestKey = newRequestKey();
  const result = await submit(session, { ...entry, requestKey, madeAt: new Date().toISOString(), input: { ...entry.input, requestKey } });
  if (result.sent) return { outcome: 'sent', text: `${entry.label}：已保存。` };
  if (result.waiting) return { outcome: 'waiting', text: `${entry.label}：网络不通，已保存在本机，恢复连接后自动发送。` };
  return { outcome: 'refused', text: result.error };
}

let flushing = false;

/** Sends every waiting entry once; returns the mutations sent and the refusals (their entries dropped) for the page to show. */
async function flush(session: Session): Promise<{ sent: string[]; refusals: string[] }> {
  const out = { sent: [] as string[], refusals: [] as string[] };
  if (flushing) return out;
  flushing = true;
  try {
    for (const e of pending(session)) {
      const result = await sendOne(session, e);
      if (!result.sent && result.waiting) break; // still offline: keep this and the rest for later
      if (result.sent) out.sent.push(e.mutation);
      else out.refusals.push(`${e.label}：${result.error}`);
      save(
        session,
        pending(session).filter((p) => p.requestKey !== e.requestKey),
      );
    }
  } finally {
    flushing = false;
  }
  return out;
}

/**
 * What waits on this phone, kept current, and the sending of it: when the link returns (`online`), every 30 s while
 * anything waits, and once when the page opens. `onSent` hears only of passes that sent something (the mutations
 * sent: the page reloads what they change) or were refused (in the hub's words, the entries dropped) — a pass that
 * found the phone still offline changes nothing, so the page keeps what it shows and the form being filled in. Any
 * page with an entry form uses it, so an entry waits for the link whichever page the user is on.
 */
export function useOutbox(session: Session, onSent: (sent: string[], refusals: string[]) => void): PendingEntry[] {
  const [waiting, setWaiting] = useState<PendingEntry[]>(() => pending(session));
  // The latest callback, without restarting the timer and listeners each time the page renders a new one.
  const hear = useRef(onSent);
  hear.current = onSent;
  useEffect(() => {
    const refresh = () => setWaiting(pending(session));
    const retry = () =>
      void flush(session).then(({ sent, refusals }) => {
        refresh();
        if (sent.length || refusals.length) hear.current(sent, refusals);
      });
    window.addEventListener('online', retry);
    window.addEventListener('hub-outbox', refresh);
    const timer = setInterval(() => pending(session).length && retry(), 30_000);
    if (pending(session).length) retry();
    return () => {
      window.removeEventListener('online', retry);
      window.removeEventListener('hub-outbox', refresh);
      clearInterval(timer);
    };
  }, [session]);
  return waiting;
}
