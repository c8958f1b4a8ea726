import { useState } from 'react';
import { gql, type Session } from '../api';
import { ANSWER, subjectOf } from '../cases';

const ACCEPT = `mutation($taskId: ID!) { acceptCaseTask(taskId: $taskId) { id status } }`;
const ANSWER_TASK = `mutation($taskId: ID!, $answer: CaseAnswer!, $note: String) {
  answerCaseTask(taskId: $taskId, answer: $answer, note: $note) { id status } }`;
const DECLINE = `mutation($taskId: ID!, $reason: String!) { declineCaseTask(taskId: $taskId, reason: $reason) { id status } }`;
const ASSIGN = `mutation($taskId: ID!, $assignee: String!) { assignCaseTask(taskId: $taskId, assignee: $assignee) { id status } }`;

type Mode = '' | 'answer' | 'decline' | 'assign';

/**
 * What the task's own office does with it, where the user is looking at it (a row of the inbox, a task of the
 * case page): 签收, 反馈 (结论 and 说明; 情况不属实 needs 说明), 退回 (with a reason), 指派. Errors of the hub are
 * shown here, in its Chinese words; a success is handed to `onDone`, which reloads what the page shows.
 */
export function TaskActions(props: {
  session: Session;
  /** `ruleName` null: a report's or a staff-entered case's task, where 已在本部门更正数据 (a data check's answer) makes no sense. */
  task: { id: string; status: string; assignee: string | null; ruleName?: string | null };
  onDone: (message: string) => void;
}) {
  const { session, task, onDone } = props;
  const [mode, setMode] = useState<Mode>('');
  const [answer, setAnswer] = useState('CONFIRMED');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const me = subjectOf(session);
  if (!['PENDING', 'ACCEPTED'].includes(task.status)) return null;

  async function run(query: string, variables: Record<string, unknown>, message: string) {
    setBusy(true);
    setError('');
    try {
      await gql(session, query, { taskId: task.id, ...variables });
      setMode('');
      setText('');
      onDone(message);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  const choose = (m: Mode) => {
    setMode(mode === m ? '' : m);
    setText('');
    setError('');
  };
  const noteRequired = mode === 'answer' && answer === 'NOT_CONFIRMED';

  return (
    <div className="task-actions" data-testid="task-actions">
      <div className="buttons">
        {task.status === 'PENDING' && (
          <button disabled={busy} onClick={() => run(ACCEPT, {}, '已签收')}>
            签收
          </button>
        )}
        <button className={mode === 'answer' ? 'on' : 'secondary'} disabled={busy} onClick={() => choose('answer')}>
          反馈
        </button>
        <button className={mode === 'decline' ? 'on' : 'secondary'} disabled={busy} onClick={() => choose('decline')}>
          退回
        </button>
        <button className={mode === 'assign' ? 'on' : 'secondary'} disabled={busy} onClick={() => choose('assign')}>
          指派
        </button>
      </div>
      {mode === 'answer' && (
        <div className="form">
          <label>
            核实结论
            <select name="answer" value={answer} onChange={(e) => setAnswer(e.target.value)}>
              {Object.entries(ANSWER)
                .filter(([k]) => k !== 'CORRECTED_AT_SOURCE' || task.ruleName !== null)
                .map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
            </select>
          </label>
          <label>
            说明{noteRequired ? '（必填）' : '（选填）'}
            <textarea name="answer-note" value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <button
            disabled={busy || (noteRequired && !text.trim())}
            onClick={() => run(ANSWER_TASK, { answer, note: text.trim() || null }, `已反馈：${ANSWER[answer]}`)}
          >
            提交反馈
          </button>
          {noteRequired && !text.trim() && <span className="muted small">情况不属实须说明理由</span>}
        </div>
      )}
      {mode === 'decline' && (
        <div className="form">
          <label>
            退回理由（必填）
            <textarea name="decline-reason" value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <button disabled={busy || !text.trim()} onClick={() => run(DECLINE, { reason: text.trim() }, '已退回')}>
            确认退回
          </button>
        </div>
      )}
      {mode === 'assign' && (
        <div className="form">
          <label>
            承办人
            <input name="assignee" value={text} placeholder={task.assignee ?? '承办人账号'} onChange={(e) => setText(e.target.value)} />
          </label>
          <button disabled={busy || !text.trim()} onClick={() => run(ASSIGN, { assignee: text.trim() }, `已指派给 ${text.trim()}`)}>
            指派
          </button>
          {me && (
            <button className="secondary" disabled={busy} onClick={() => run(ASSIGN, { assignee: me }, '已指派给我')}>
              指派给我
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
