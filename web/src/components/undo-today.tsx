// "Undo everything SkyTwin did today": first the list of what it will revert (and what it cannot),
// then one button reverts exactly those.
import { useState } from 'preact/hooks';
import type { UndoTodayPreview } from '../../../src/contract/index.js';
import { undoToday, undoTodayPreview } from '../actions.js';
import { plural, senderName } from '../format.js';
import { showToast } from '../toast.js';
import { ErrorNote } from './states.js';
import { Time } from './time.js';

type Phase = { kind: 'closed' } | { kind: 'loading' } | { kind: 'preview'; preview: UndoTodayPreview } | { kind: 'running'; preview: UndoTodayPreview } | { kind: 'error'; error: unknown };

export function UndoToday({ userId, onDone }: { userId: string; onDone: () => void }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'closed' });
  const open = async () => {
    setPhase({ kind: 'loading' });
    try {
      setPhase({ kind: 'preview', preview: await undoTodayPreview(userId) });
    } catch (error) {
      setPhase({ kind: 'error', error });
    }
  };
  const run = async (preview: UndoTodayPreview) => {
    setPhase({ kind: 'running', preview });
    try {
      const result = await undoToday(
        userId,
        preview.items.map((item) => item.decisionId),
      );
      setPhase({ kind: 'closed' });
      const failed = result.failed.length > 0 ? `; ${plural(result.failed.length, 'action')} could not be undone (${result.failed[0]?.message ?? ''})` : '';
      showToast(`Undid ${plural(result.undone.length, 'action')} from today${failed}`, { tone: result.failed.length > 0 ? 'error' : 'info' });
      onDone();
    } catch (error) {
      setPhase({ kind: 'error', error });
    }
  };
  if (phase.kind === 'closed' || phase.kind === 'loading')
    return (
      <button type="button" disabled={phase.kind === 'loading'} onClick={() => void open()}>
        Undo everything SkyTwin did today…
      </button>
    );
  if (phase.kind === 'error')
    return (
      <div class="bulk">
        <ErrorNote error={phase.error} retry={() => void open()} />
        <button type="button" onClick={() => setPhase({ kind: 'closed' })}>
          Close
        </button>
      </div>
    );
  const { preview } = phase;
  return (
    <section class="bulk" aria-label="Undo everything SkyTwin did today">
      {preview.items.length === 0 ? (
        <p>SkyTwin has done nothing today that can be undone.</p>
      ) : (
        <>
          <p>{`This will revert ${plural(preview.items.length, 'action')} SkyTwin took today:`}</p>
          <ul>
            {preview.items.map((item) => (
              <li key={item.decisionId}>
                {senderName(item.sender)} · {item.subject ?? '(no subject)'} — {item.undo} (done <Time iso={item.executedAt} mode="clock" />)
              </li>
            ))}
          </ul>
        </>
      )}
      {preview.cannot.length > 0 ? (
        <>
          <p>{`${plural(preview.cannot.length, 'action')} cannot be undone:`}</p>
          <ul>
            {preview.cannot.map((item) => (
              <li key={item.decisionId}>
                {senderName(item.sender)} · {item.subject ?? '(no subject)'} — {item.why}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div class="actions">
        {preview.items.length > 0 ? (
          <button type="button" class="primary" disabled={phase.kind === 'running'} onClick={() => void run(preview)}>
            {`Undo these ${preview.items.length}`}
          </button>
        ) : null}
        <button type="button" onClick={() => setPhase({ kind: 'closed' })}>
          {preview.items.length > 0 ? 'Cancel' : 'Close'}
        </button>
      </div>
    </section>
  );
}
