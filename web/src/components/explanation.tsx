// "Why this", the alternatives with their verdicts and what would change the outcome, read from the
// decision when the row is opened (not before: the list stays one request).
import { useEffect, useState } from 'preact/hooks';
import type { DecisionBody, ExplanationBody } from '../../../src/contract/index.js';
import { api, seg } from '../api.js';
import { actionWords, capitalize, verdictWords } from '../format.js';
import { linkClick } from '../router.js';
import { ErrorNote } from './states.js';

/** Loads one decision; the Activity view's detail and the approvals' explanation share it. */
export function useDecision(decisionId: string): { decision: DecisionBody | null; error: unknown; reload: () => void } {
  const [state, setState] = useState<{ decision: DecisionBody | null; error: unknown }>({ decision: null, error: null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let stale = false;
    setState({ decision: null, error: null });
    api
      .get<DecisionBody>(`/api/decisions/${seg(decisionId)}`)
      .then((decision) => !stale && setState({ decision, error: null }))
      .catch((error: unknown) => !stale && setState({ decision: null, error }));
    return () => {
      stale = true;
    };
  }, [decisionId, round]);
  return { ...state, reload: () => setRound((n) => n + 1) };
}

export function Explanation({ decisionId }: { decisionId: string }) {
  const { decision, error, reload } = useDecision(decisionId);
  if (error) return <ErrorNote error={error} retry={reload} />;
  if (!decision) return <p class="meta">Loading the explanation…</p>;
  return <ExplanationText explanation={decision.explanation} />;
}

export function ExplanationText({ explanation }: { explanation: Partial<ExplanationBody> | null | undefined }) {
  const e = explanation ?? {};
  const evidence = e.evidence ?? [];
  const alternatives = e.alternatives ?? [];
  const changes = e.whatWouldChange ?? [];
  const links = e.changeLinks ?? [];
  return (
    <div class="explanation">
      <h3>Why this</h3>
      <p>{e.whyThisAction || e.summary || 'SkyTwin gave no reason for this one.'}</p>
      {evidence.length > 0 ? (
        <ul>
          {evidence.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {alternatives.length > 0 ? (
        <>
          <h3>Alternatives</h3>
          <ul>
            {alternatives.map((alt) => (
              <li key={alt.action}>
                {alt.words || capitalize(actionWords(alt.action))}:{' '}
                <span class={`verdict-${alt.verdict}`}>{alt.verdictWords || verdictWords(alt.verdict)}</span>
                {alt.why ? ` — ${alt.why}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {changes.length > 0 || links.length > 0 ? <h3>What would change it</h3> : null}
      {changes.length > 0 ? (
        <ul>
          {changes.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {links.length > 0 ? (
        <p class="meta">
          {links.map((link, index) => (
            <span key={`${link.view}:${link.field}`}>
              {index > 0 ? ' · ' : ''}
              <a href={`/${link.view}#${encodeURIComponent(link.field)}`} onClick={linkClick}>
                {link.label}
              </a>
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
