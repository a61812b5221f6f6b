// One decision in Activity: its current life as the headline, Undo while it still applies, confirm
// or correct for decisions SkyTwin only watched, and the full story when opened.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DecisionListItem } from '../../../src/contract/index.js';
import { senderName } from '../format.js';
import { lifeHeadline } from '../life.js';
import { linkClick } from '../router.js';
import { decisionPath } from '../routes.js';
import { useNow } from '../now.js';
import { ExplanationText, useDecision } from './explanation.js';
import { ErrorNote } from './states.js';
import { Time } from './time.js';

export interface DecisionHandlers {
  onSelect: () => void;
  onToggle: () => void;
  onUndo: () => void;
  onConfirm: () => void;
  onCorrect: (action: string) => void;
}

export function decisionLabel(item: Pick<DecisionListItem, 'sender' | 'subject' | 'situationWords'>): string {
  const who = item.sender.name && item.sender.address ? `${item.sender.name} <${item.sender.address}>` : senderName(item.sender);
  return `${who}: ${item.subject ?? item.situationWords}`;
}

const needsFeedback = (item: DecisionListItem) => (item.life.state === 'shadow' || item.outcome === 'shadow') && !item.feedback?.given;

export function DecisionRow({ item, selected, expanded, busy, handlers }: { item: DecisionListItem; selected: boolean; expanded: boolean; busy: boolean; handlers: DecisionHandlers }) {
  const now = useNow();
  const ref = useRef<HTMLElement>(null);
  const [correcting, setCorrecting] = useState(false);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  const headline = lifeHeadline(item.life, item.action, now);
  const feedback = item.feedback?.given === 'confirmed' ? 'You confirmed this' : item.feedback?.given === 'corrected' ? `You corrected this${item.feedback.correctedTo ? ` to: ${item.feedback.correctedTo}` : ''}` : null;
  return (
    <article ref={ref} class={selected ? 'row selected' : 'row'} aria-label={decisionLabel(item)} aria-current={selected ? 'true' : undefined} onClick={handlers.onSelect} data-id={item.id}>
      <div class="line">
        <button type="button" class="toggle" aria-expanded={expanded} onClick={handlers.onToggle}>
          <span class="who" title={item.sender.address ?? undefined}>
            {senderName(item.sender)}
          </span>
          <span class="subject">{item.subject ?? item.situationWords}</span>
          <span class={`headline ${headline.tone}`}>{headline.text}</span>
        </button>
        <span class="when">
          <Time iso={item.createdAt} />
        </span>
      </div>
      <div class="actions">
        <span class="meta what">{item.summary}</span>
        {item.undoable ? (
          <button type="button" disabled={busy} onClick={handlers.onUndo}>
            Undo
          </button>
        ) : null}
        {needsFeedback(item) && !correcting ? (
          <>
            <button type="button" disabled={busy} onClick={handlers.onConfirm}>
              Confirm: that was right
            </button>
            <button type="button" disabled={busy} onClick={() => setCorrecting(true)}>
              Correct it…
            </button>
          </>
        ) : null}
        {feedback ? <span class="badge">{feedback}</span> : null}
      </div>
      {correcting ? <CorrectForm decisionId={item.id} busy={busy} onCorrect={handlers.onCorrect} onCancel={() => setCorrecting(false)} /> : null}
      {expanded ? <DecisionDetail decisionId={item.id} /> : null}
    </article>
  );
}

function CorrectForm({ decisionId, busy, onCorrect, onCancel }: { decisionId: string; busy: boolean; onCorrect: (action: string) => void; onCancel: () => void }) {
  const { decision, error, reload } = useDecision(decisionId);
  const [choice, setChoice] = useState('');
  if (error) return <ErrorNote error={error} retry={reload} />;
  if (!decision) return <p class="meta">Loading the choices…</p>;
  const options = decision.correctOptions ?? [];
  return (
    <form
      class="reason-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (choice) onCorrect(choice);
      }}
    >
      <label>
        <span>What SkyTwin should have done</span>
        <select value={choice} onChange={(event) => setChoice((event.currentTarget as HTMLSelectElement).value)}>
          <option value="">Choose…</option>
          {options.map((option) => (
            <option key={option.action} value={option.action}>
              {option.words}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="primary" disabled={busy || !choice}>
        Correct
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

export function DecisionDetail({ decisionId }: { decisionId: string }) {
  const { decision, error, reload } = useDecision(decisionId);
  if (error) return <ErrorNote error={error} retry={reload} />;
  if (!decision) return <p class="meta">Loading…</p>;
  const failure = decision.execution?.error;
  return (
    <div class="detail">
      {decision.snippet ? <p class="meta">“{decision.snippet}”</p> : null}
      <p>{decision.explanation.whatHappened || decision.explanation.summary}</p>
      {failure ? <p class="inline-error">What went wrong: {failure}</p> : null}
      {decision.draft ? (
        <>
          <h3>Draft reply to {decision.draft.to.join(', ')}</h3>
          <div class="draft">{decision.draft.body}</div>
        </>
      ) : null}
      {decision.explanation.decidedSummary && decision.explanation.decidedSummary !== decision.explanation.summary ? (
        <p class="meta">When SkyTwin decided: {decision.explanation.decidedSummary}</p>
      ) : null}
      <ExplanationText explanation={decision.explanation} />
      <p class="meta">
        <a href={decisionPath(decision.id)} onClick={linkClick}>
          Link to this decision
        </a>
        {decision.sender.address ? (
          <>
            {' · '}
            <a href={`/activity?q=${encodeURIComponent(decision.sender.address)}`} onClick={linkClick}>
              {`Everything from ${decision.sender.address}`}
            </a>
          </>
        ) : null}
      </p>
    </div>
  );
}
