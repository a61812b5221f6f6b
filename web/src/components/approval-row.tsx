// One approval: a one-line sentence (who, what, proposal, why it asks, when) that opens in place to
// the draft (editable), why this, the alternatives and what would change it.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ApprovalItem } from '../../../src/contract/index.js';
import { capitalize, irreversible, money, senderName } from '../format.js';
import { linkClick } from '../router.js';
import { approvalPath, decisionPath } from '../routes.js';
import { Explanation } from './explanation.js';
import { Time } from './time.js';

/** What the row shows below its line: nothing extra, the reason form, the draft editor, or a second ask. */
export type RowMode = 'idle' | 'rejecting' | 'editing' | 'confirming';

export interface RowHandlers {
  onSelect: () => void;
  onToggle: () => void;
  onMode: (mode: RowMode) => void;
  onApprove: (options: { always?: boolean; confirmed?: boolean }) => void;
  onReject: (reason: string) => void;
  onEdit: (body: string) => void;
}

/** "Always archive from news@acme.com": the preference the answer states, in words. */
const ALWAYS_VERBS: Record<string, string> = {
  archive: 'archive',
  label: 'label',
  mark_read: 'mark as read',
  draft_reply: 'draft replies',
  rsvp: 'answer invitations',
  flag_for_review: 'flag',
};

export function alwaysLabel(item: Pick<ApprovalItem, 'action' | 'sender'>): string | null {
  const verb = item.action ? ALWAYS_VERBS[item.action.type] : undefined;
  const who = item.sender.address ?? item.sender.name;
  return verb && who ? `Always ${verb} from ${who}` : null;
}

export function rowLabel(item: Pick<ApprovalItem, 'sender' | 'subject'>): string {
  const who = item.sender.name && item.sender.address ? `${item.sender.name} <${item.sender.address}>` : senderName(item.sender);
  return `${who}: ${item.subject ?? '(no subject)'}`;
}

export function ApprovalRow({
  item,
  selected,
  expanded,
  mode,
  busy,
  handlers,
}: {
  item: ApprovalItem;
  selected: boolean;
  expanded: boolean;
  mode: RowMode;
  busy: boolean;
  handlers: RowHandlers;
}) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  const cost = item.action?.estimatedCostCents ?? 0;
  const always = alwaysLabel(item);
  const once = irreversible(item.action);
  const headId = `approval-${item.id}`;
  return (
    <article ref={ref} class={selected ? 'row selected' : 'row'} aria-label={rowLabel(item)} aria-current={selected ? 'true' : undefined} onClick={handlers.onSelect} data-id={item.id}>
      <div class="line">
        <button type="button" class="toggle" aria-expanded={expanded} aria-controls={`${headId}-detail`} onClick={handlers.onToggle}>
          <span class="who" title={item.sender.address ?? undefined}>
            {senderName(item.sender)}
          </span>
          <span class="subject">{item.subject ?? '(no subject)'}</span>
          <span class="what">{item.proposal}</span>
          {item.asks ? <span class="why">asks because {item.asks}</span> : null}
        </button>
        <span class="when">
          <Time iso={item.createdAt} />
        </span>
      </div>
      {mode === 'confirming' ? (
        <div class="confirm" role="alert">
          <p>{`${capitalize(item.proposal)}: this cannot be undone once it runs.`}</p>
          <div class="actions">
            <button type="button" class="primary" disabled={busy} onClick={() => handlers.onApprove({ confirmed: true })}>
              Approve — it cannot be undone
            </button>
            <button type="button" onClick={() => handlers.onMode('idle')}>
              Cancel
            </button>
          </div>
        </div>
      ) : mode === 'rejecting' ? (
        <RejectForm busy={busy} onReject={handlers.onReject} onCancel={() => handlers.onMode('idle')} />
      ) : (
        <div class="actions">
          <button type="button" class="primary" disabled={busy} onClick={() => handlers.onApprove({})}>
            Approve
          </button>
          <button type="button" disabled={busy} onClick={() => handlers.onMode('rejecting')}>
            Reject
          </button>
          {item.draft && mode !== 'editing' ? (
            <button type="button" disabled={busy} onClick={() => handlers.onMode('editing')}>
              Edit draft
            </button>
          ) : null}
          {always && !once && (selected || expanded) ? (
            <button type="button" class="quiet" disabled={busy} onClick={() => handlers.onApprove({ always: true })}>
              {always}
            </button>
          ) : null}
          <span class="badges">
            {item.risk && item.risk.overall !== 'negligible' && item.risk.overall !== 'low' ? (
              <span class={`badge risk-${item.risk.overall}`}>{capitalize(item.risk.overall)} risk</span>
            ) : null}
            <span class="badge">
              Expires <Time iso={item.expiresAt} />
            </span>
          </span>
        </div>
      )}
      {expanded || mode === 'editing' ? (
        <div class="detail" id={`${headId}-detail`}>
          {item.snippet ? <p class="meta">“{item.snippet}”</p> : null}
          <p>
            <strong>SkyTwin proposes:</strong> {item.proposal}
            {cost > 0 ? ` (${money(cost)})` : ''}.
          </p>
          {item.draft ? <Draft item={item} editing={mode === 'editing'} busy={busy} onSave={handlers.onEdit} onCancel={() => handlers.onMode('idle')} /> : null}
          {item.risk && item.risk.reasons.length > 0 ? (
            <>
              <h3>Risk: {item.risk.overall}</h3>
              <ul>
                {item.risk.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </>
          ) : null}
          {expanded ? <Explanation decisionId={item.decisionId} /> : null}
          {expanded ? (
            <p class="meta">
              <a href={approvalPath(item.id)} onClick={linkClick}>
                Link to this approval
              </a>{' '}
              ·{' '}
              <a href={decisionPath(item.decisionId)} onClick={linkClick}>
                The decision in Activity
              </a>
              {item.sender.address ? (
                <>
                  {' · '}
                  <a href={`/activity?q=${encodeURIComponent(item.sender.address)}`} onClick={linkClick}>
                    {`Everything from ${item.sender.address}`}
                  </a>
                </>
              ) : null}
            </p>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

function RejectForm({ busy, onReject, onCancel }: { busy: boolean; onReject: (reason: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // Focused in the same task as the key that opened it, so the next key typed lands in the field.
  useLayoutEffect(() => input.current?.focus(), []);
  return (
    <form
      class="reason-form"
      onSubmit={(event) => {
        event.preventDefault();
        onReject(reason);
      }}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
    >
      <label class="grow">
        <span>Reason (optional)</span>
        <input ref={input} type="text" maxLength={2000} value={reason} onInput={(event) => setReason((event.currentTarget as HTMLInputElement).value)} />
      </label>
      <button type="submit" class="danger" disabled={busy}>
        Reject
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

function Draft({ item, editing, busy, onSave, onCancel }: { item: ApprovalItem; editing: boolean; busy: boolean; onSave: (body: string) => void; onCancel: () => void }) {
  const draft = item.draft;
  const [text, setText] = useState(draft?.body ?? '');
  const area = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    if (editing) area.current?.focus();
    else setText(draft?.body ?? '');
  }, [editing, draft?.body]);
  if (!draft) return null;
  const heading = `Draft reply to ${draft.to.join(', ') || senderName(item.sender)}`;
  if (!editing)
    return (
      <>
        <h3>{heading}</h3>
        <p class="meta">Subject: {draft.subject}</p>
        <div class="draft">{draft.body}</div>
      </>
    );
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSave(text);
      }}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
    >
      <label class="block">
        <span>{heading}</span>
        <textarea ref={area} value={text} onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)} />
      </label>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || !text.trim()}>
          Save and approve
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
