import type { Kysely } from 'kysely';
import type { Schema } from '../src/store/index.js';
import {
  DIMENSIONS,
  INERT,
  inQuietHours,
  isBlocked,
  LEVELS,
  NEVER,
  NEW_DOMAIN_RAMP,
  recipients,
  record,
  REVERSIBILITY_RANK,
  settingsOf,
  TIERS,
  TRUE_REVERSIBILITY,
} from './oracle.js';

// The seven safety invariants of DESIGN.md (plus the never-list, blocked domains, quiet hours and
// the new-domain ramp), checked on what the store holds for one user.

export interface Violation {
  invariant: string;
  decisionId: string | null;
  detail: string;
}

/**
 * Every invariant over the user's decisions (all, or `decisionIds` when the user's settings have
 * changed since the others were made), actions, approvals and twin versions.
 */
export async function checkUserInvariants(db: Kysely<Schema>, userId: string, decisionIds?: readonly string[]): Promise<Violation[]> {
  const out: Violation[] = [];
  const fail = (invariant: string, decisionId: string | null, detail: string) => out.push({ invariant, decisionId, detail });
  const settings = await settingsOf(db, userId);
  const decisions = await db.selectFrom('decisions').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
  // The selected candidate's rows: what approvals and actions reference and the executor checks.
  const selectedRows = await db
    .selectFrom('candidate_actions')
    .innerJoin('decisions', 'decisions.id', 'candidate_actions.decision_id')
    .leftJoin('policy_verdicts', 'policy_verdicts.candidate_id', 'candidate_actions.id')
    .select([
      'candidate_actions.id',
      'candidate_actions.decision_id',
      'candidate_actions.position',
      'candidate_actions.action_type',
      'candidate_actions.reversibility',
      'candidate_actions.estimated_cost_cents',
      'candidate_actions.risk_overall',
      'policy_verdicts.verdict',
    ])
    .where('decisions.user_id', '=', userId)
    .execute();
  // Every candidate, as its decision's document holds it.
  const candidates = decisions.flatMap((d) => documentOf(d.candidates).map((stored, position) => {
    const c = record(stored);
    const action = record(c.action);
    return {
      id: String(c.id),
      decision_id: d.id,
      position,
      action_type: String(action.type),
      domain: String(action.domain),
      parameters: action.parameters,
      reversibility: String(action.reversibility),
      estimated_cost_cents: Number(action.estimatedCostCents),
      risk_overall: String(record(c.risk).overall),
      risk: c.risk,
      verdict: typeof c.verdict === 'string' ? c.verdict : null,
      not_before: c.notBefore,
    };
  }));
  const explanations = await db
    .selectFrom('explanations')
    .innerJoin('decisions', 'decisions.id', 'explanations.decision_id')
    .select(['explanations.decision_id', 'explanations.summary', 'explanations.body'])
    .where('decisions.user_id', '=', userId)
    .execute();
  const actions = await db.selectFrom('actions').selectAll().where('user_id', '=', userId).execute();
  const approvals = await db.selectFrom('approval_requests').selectAll().where('user_id', '=', userId).execute();
  const spends = await db.selectFrom('spend_tracking').selectAll().where('user_id', '=', userId).execute();
  const feedback = await db.selectFrom('feedback_events').selectAll().where('user_id', '=', userId).execute();
  const versions = await db.selectFrom('twin_versions').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('version').execute();
  const profile = await db.selectFrom('twin_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();

  for (const d of decisions.filter((x) => decisionIds === undefined || decisionIds.includes(x.id))) {
    const mine = candidates.filter((c) => c.decision_id === d.id).sort((a, b) => a.position - b.position);
    const selected = d.selected_position === null ? undefined : mine.find((c) => c.position === d.selected_position);
    const at = d.created_at;
    const situation = record(d.situation);
    const facts = record(situation.facts);

    // 2. Every decision has an explanation.
    const explanation = explanations.find((e) => e.decision_id === d.id);
    const summary = explanation ? String(explanation.summary ?? '').trim() : '';
    if (!explanation || summary === '' || String(record(explanation.body).summary ?? '').trim() === '') {
      fail('2 explanation', d.id, 'no explanation record with a non-empty summary');
    }
    if (d.selected_position !== null && !selected) fail('1 policy check', d.id, `selected position ${d.selected_position} has no candidate`);
    const rows = selectedRows.filter((r) => r.decision_id === d.id);
    const row = rows[0];
    if (selected && (rows.length !== 1 || !row || row.id !== selected.id || row.position !== selected.position || row.verdict !== selected.verdict)) {
      fail('1 policy check', d.id, `the selected candidate's row and verdict do not match the decision's candidates`);
    } else if (selected && row && !sameAction(row, selected)) {
      fail('1 policy check', d.id, `the selected candidate's row records another action than the decision's candidates`);
    }
    if (d.outcome === 'auto_execute' && selected?.verdict !== 'allowed') {
      fail('1 policy check', d.id, `auto_execute with selected verdict ${String(selected?.verdict)}`);
    }
    if (d.outcome === 'needs_approval' && !approvals.some((a) => a.decision_id === d.id && a.candidate_id === selected?.id)) {
      fail('1 policy check', d.id, 'needs_approval without an approval request for the selected candidate');
    }

    // 3. Tiers per domain; observer runs nothing, suggest asks for everything.
    if (!TIERS.includes(d.tier)) fail('3 tiers', d.id, `unknown tier ${d.tier}`);
    if ((d.tier === 'observer') !== (d.outcome === 'shadow')) fail('3 tiers', d.id, `tier ${d.tier} with outcome ${d.outcome}`);
    if (d.tier === 'observer' && mine.some((c) => c.verdict === 'allowed')) fail('3 tiers', d.id, 'a candidate is allowed at observer');
    if (d.tier === 'suggest' && d.outcome === 'auto_execute') fail('3 tiers', d.id, 'auto_execute at suggest');

    const spentBefore = spends
      .filter((s) => s.spent_at.getTime() > at.getTime() - 86_400_000 && s.spent_at.getTime() <= at.getTime())
      .filter((s) => actions.find((a) => a.id === s.action_id)?.decision_id !== d.id)
      .reduce((sum, s) => sum + Number(s.amount_cents), 0);

    for (const c of mine) {
      const where = `${c.action_type}#${c.position}`;
      if (c.verdict === null || c.verdict === undefined) fail('1 policy check', d.id, `${where} has no recorded verdict`);
      // 7. Risk on six dimensions, each with a reason; overall is the worst of them.
      const risk = record(c.risk);
      const dims = record(risk.dimensions);
      let worst = 0;
      for (const name of DIMENSIONS) {
        const dim = record(dims[name]);
        const level = LEVELS.indexOf(String(dim.level));
        if (level < 0) fail('7 risk', d.id, `${where}: dimension ${name} has no valid level`);
        if (typeof dim.reason !== 'string' || dim.reason.trim() === '') fail('7 risk', d.id, `${where}: dimension ${name} has no reason`);
        worst = Math.max(worst, level);
      }
      const overall = LEVELS.indexOf(String(risk.overall));
      if (overall < worst || c.risk_overall !== risk.overall) fail('7 risk', d.id, `${where}: overall ${String(risk.overall)} below its worst dimension`);

      // 5. Reversibility recorded truthfully; unknown counts as irreversible.
      const truth = TRUE_REVERSIBILITY[c.action_type] ?? 'unknown';
      if ((REVERSIBILITY_RANK[c.reversibility] ?? -1) < (REVERSIBILITY_RANK[truth] ?? 2)) {
        fail('5 reversibility', d.id, `${where} recorded as ${c.reversibility}, really ${truth}`);
      }
      const irreversible = c.reversibility !== 'full' && c.reversibility !== 'partial';
      const allowIrreversible = settings.overrides.get(c.domain)?.allowIrreversible ?? [];
      if (c.verdict === 'allowed' && irreversible && !INERT.includes(c.action_type)) {
        if (d.tier !== 'high' || c.domain !== d.domain) fail('5 reversibility', d.id, `${where} (${c.reversibility}) allowed at ${d.tier}`);
        else if (!allowIrreversible.includes(c.action_type)) fail('5 reversibility', d.id, `${where} (${c.reversibility}) allowed without the user's allowIrreversible`);
      }

      // Never-list and sending mail.
      const params = record(c.parameters);
      if (c.verdict === 'allowed' && (NEVER.includes(c.action_type) || (c.action_type === 'send_email' && recipients(params) > 10))) {
        fail('never-list', d.id, `${where} allowed`);
      }
      if (c.verdict === 'allowed' && c.action_type === 'send_email' && d.tier !== 'high') fail('never-list', d.id, `send_email allowed at ${d.tier}`);
      if (c.verdict === 'allowed' && String(risk.overall) === 'critical' && !INERT.includes(c.action_type)) fail('3 tiers', d.id, `${where} of critical risk allowed`);

      // 4. Spend limits are hard, exact cents.
      const cost = Number(c.estimated_cost_cents);
      const override = settings.overrides.get(c.domain);
      const perAction = override?.perAction ?? settings.perAction;
      const daily = override?.daily ?? settings.daily;
      if (c.verdict === 'allowed' && cost > perAction) fail('4 spend', d.id, `${where} costs ${cost} over the ${perAction} per-action limit, allowed`);
      if (c.verdict === 'allowed' && cost > 0 && spentBefore + cost > daily) {
        fail('4 spend', d.id, `${where} costs ${cost} with ${spentBefore} spent in 24 h over the ${daily} daily limit, allowed`);
      }
      if (c.action_type === 'approve_renewal' && c.verdict === 'allowed' && typeof params.amountCents !== 'number') {
        fail('4 spend', d.id, 'a renewal of unknown amount is allowed to run alone');
      }

      // Blocked domains: nothing but flagging or leaving it runs.
      if (c.verdict === 'allowed' && !INERT.includes(c.action_type) && isBlocked(facts.counterpartDomain, settings.blocked)) {
        fail('blocked domain', d.id, `${where} allowed for blocked ${String(facts.counterpartDomain)}`);
      }
    }

    // 1. Nothing executes without a recorded 'allowed' verdict or an explicit approval.
    for (const a of actions.filter((x) => x.decision_id === d.id && x.kind === 'execute')) {
      const c = mine.find((x) => x.id === a.candidate_id);
      if (!c) {
        fail('1 policy check', d.id, `action ${a.action_type} has no candidate`);
        continue;
      }
      if (a.authorized_by === 'policy') {
        const recorded = selectedRows.find((r) => r.id === c.id)?.verdict;
        if (c.verdict !== 'allowed' || recorded !== 'allowed' || d.outcome !== 'auto_execute' || c.id !== selected?.id) {
          fail('1 policy check', d.id, `policy-run ${a.action_type} with verdict ${String(c.verdict)} and outcome ${d.outcome}`);
        }
        if (!INERT.includes(a.action_type)) {
          const before = actions.filter(
            (x) =>
              x.kind === 'execute' &&
              x.decision_id !== d.id &&
              x.domain === a.domain &&
              !INERT.includes(x.action_type) &&
              x.state !== 'failed' &&
              x.created_at.getTime() <= at.getTime(),
          ).length;
          if (before < NEW_DOMAIN_RAMP) fail('new domain', d.id, `${a.action_type} ran alone after only ${before} actions in ${a.domain}`);
          if (settings.quiet && inQuietHours(settings.quiet, at)) {
            if (a.not_before === null || a.not_before.getTime() <= at.getTime()) fail('quiet hours', d.id, `${a.action_type} ran alone during quiet hours`);
            if (situation.urgency === 'high' || situation.urgency === 'critical') fail('quiet hours', d.id, `${String(situation.urgency)} urgency ran alone during quiet hours`);
          }
        }
        if (a.reversibility !== c.reversibility) fail('5 reversibility', d.id, `action recorded ${a.reversibility}, candidate ${c.reversibility}`);
      } else if (a.authorized_by === 'approval') {
        if (!approvals.some((r) => r.decision_id === d.id && r.candidate_id === a.candidate_id && r.status === 'approved')) {
          fail('1 policy check', d.id, `approval-run ${a.action_type} without an approved request`);
        }
      } else {
        fail('1 policy check', d.id, `execute action authorized by ${a.authorized_by}`);
      }
    }
  }

  // 6. Feedback flows back: every answer, undo and confirmation made a new twin version.
  const seen = new Set<number>();
  let last = 0;
  for (const v of versions) {
    if (seen.has(v.version) || v.version <= last) fail('6 feedback', null, `twin version ${v.version} is not new`);
    seen.add(v.version);
    last = Math.max(last, v.version);
  }
  if (profile && versions.length > 0 && profile.version !== last) fail('6 feedback', null, `profile at version ${profile.version}, history at ${last}`);
  for (const f of feedback) {
    if (!versions.some((v) => v.feedback_id === f.id && v.version === f.twin_version)) {
      fail('6 feedback', f.decision_id, `${f.kind} feedback without twin version ${f.twin_version}`);
    }
  }
  for (const r of approvals.filter((x) => x.status === 'approved' || x.status === 'rejected')) {
    if (!feedback.some((f) => f.decision_id === r.decision_id && ['approve', 'reject', 'edit'].includes(f.kind))) {
      fail('6 feedback', r.decision_id, `approval ${r.status} without feedback`);
    }
  }
  for (const u of actions.filter((x) => x.kind === 'undo' || (x.kind === 'execute' && x.state === 'cancelled'))) {
    if (!feedback.some((f) => f.decision_id === u.decision_id && f.kind === 'undo')) fail('6 feedback', u.decision_id, 'undo without feedback');
  }

  // The sender counters ingest reads instead of counting history are the counts of that history:
  // decisions per counterpart, and executed replies to it that succeeded.
  const counted = new Map<string, { seen: number; replied: number }>();
  const counterparts = new Map(decisions.map((d) => [d.id, d.counterpart]));
  const bump = (counterpart: string | null | undefined, field: 'seen' | 'replied') => {
    if (counterpart === null || counterpart === undefined) return;
    const entry = counted.get(counterpart) ?? { seen: 0, replied: 0 };
    entry[field] += 1;
    counted.set(counterpart, entry);
  };
  for (const d of decisions) bump(d.counterpart, 'seen');
  for (const a of actions) {
    if (a.kind === 'execute' && a.state === 'succeeded' && (a.action_type === 'draft_reply' || a.action_type === 'rsvp')) bump(counterparts.get(a.decision_id), 'replied');
  }
  for (const row of await db.selectFrom('sender_history').selectAll().where('user_id', '=', userId).execute()) {
    const expected = counted.get(row.counterpart) ?? { seen: 0, replied: 0 };
    counted.delete(row.counterpart);
    if (Number(row.seen_count) !== expected.seen || Number(row.replied_count) !== expected.replied) {
      fail('sender history', null, `${row.counterpart}: stored ${row.seen_count} seen, ${row.replied_count} replied; history holds ${expected.seen} and ${expected.replied}`);
    }
  }
  for (const [counterpart, expected] of counted) fail('sender history', null, `${counterpart}: no stored counts; history holds ${expected.seen} seen, ${expected.replied} replied`);
  return out;
}

/** Every executor call must be an action the store authorized. */
export async function checkExecutorCalls(db: Kysely<Schema>, calls: readonly { kind: string; actionId: string }[]): Promise<Violation[]> {
  const out: Violation[] = [];
  for (const call of calls) {
    const action = await db.selectFrom('actions').selectAll().where('id', '=', call.actionId).executeTakeFirst();
    if (!action) out.push({ invariant: '1 policy check', decisionId: null, detail: `executor ran unknown action ${call.actionId}` });
    else if (!['policy', 'approval', 'undo'].includes(action.authorized_by)) {
      out.push({ invariant: '1 policy check', decisionId: action.decision_id, detail: `executor ran ${action.action_type} authorized by ${action.authorized_by}` });
    }
  }
  return out;
}

function documentOf(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

interface RecordedAction {
  action_type: string;
  reversibility: string;
  estimated_cost_cents: string | number | bigint;
  risk_overall: string;
}

function sameAction(row: RecordedAction, stored: RecordedAction): boolean {
  return (
    row.action_type === stored.action_type &&
    row.reversibility === stored.reversibility &&
    Number(row.estimated_cost_cents) === Number(stored.estimated_cost_cents) &&
    row.risk_overall === stored.risk_overall
  );
}
