import type { EvalReport } from './harness.js';

export { formatInjection } from './injection/report.js';

function pct(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text.slice(0, width) : text + ' '.repeat(width - text.length);
}

/** Every scenario on one line: what was decided and why (reason codes). */
export function formatAll(report: EvalReport): string {
  return report.results
    .map((r) => {
      const o = r.observed;
      const mark = r.error === null && r.mismatches.length === 0 ? 'ok  ' : 'MISS';
      const got = o ? `${o.outcome} ${String(o.action)} [${o.kind}/${o.domain}/${o.tier}]${o.deferred ? ' deferred' : ''}` : `error: ${r.error}`;
      return `${mark} ${pad(r.id, 34)} ${pad(got, 70)} ${o?.reasons.join(',') ?? ''} ${Math.round(r.ms)} ms`;
    })
    .join('\n');
}

/**
 * The held-apart cases only generalisation solves: how many matched, and how often the text model
 * advised the chosen action and was right.
 */
export function formatGeneralisation(report: EvalReport): string | null {
  const held = report.results.filter((r) => r.generalisation);
  if (held.length === 0) return null;
  const matched = held.filter((r) => r.error === null && r.mismatches.length === 0).length;
  const advised = held.filter((r) => r.observed?.textModel !== null && r.observed?.textModel !== undefined);
  const right = advised.filter((r) => r.mismatches.length === 0).length;
  return `generalisation:     ${pct(matched / held.length)} (${matched}/${held.length} held-apart new senders; the text model advised ${advised.length}, right in ${right})`;
}

/** The mismatch table, then the figures, as `npm run eval` prints them. */
export function formatReport(report: EvalReport): string {
  const lines: string[] = [];
  const misses = report.results.filter((r) => r.error !== null || r.mismatches.length > 0);
  if (misses.length > 0) {
    lines.push('Mismatches:');
    lines.push(`${pad('scenario', 34)} ${pad('expected', 36)} ${pad('got', 36)} difference`);
    for (const r of misses) {
      const e = r.expected;
      const expected = `${e.outcome}${e.action !== undefined ? ` ${String(e.action)}` : ''}${e.kind ? ` [${e.kind}]` : ''}`;
      const o = r.observed;
      const got = o ? `${o.outcome} ${String(o.action)} [${o.kind}]` : 'error';
      lines.push(`${pad(r.id, 34)} ${pad(expected, 36)} ${pad(got, 36)} ${r.error ?? r.mismatches.join('; ')}`);
    }
    lines.push('');
  }
  if (report.violations.length > 0) {
    lines.push('Safety-invariant violations:');
    for (const v of report.violations) lines.push(`  ${v.scenario} [${v.invariant}] decision ${v.decisionId ?? '-'}: ${v.detail}`);
    lines.push('');
  }
  const outcomes = new Map<string, number>();
  for (const r of report.results) if (r.observed) outcomes.set(r.observed.outcome, (outcomes.get(r.observed.outcome) ?? 0) + 1);
  lines.push(`scenarios:          ${report.total}`);
  lines.push(`match rate:         ${pct(report.matchRate)} (${report.matched}/${report.total})`);
  lines.push(`interruption rate:  ${pct(report.interruptionRate)} (needs_approval among decisions)`);
  const generalisation = formatGeneralisation(report);
  if (generalisation !== null) lines.push(generalisation);
  lines.push(`outcomes:           ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push(`violations:         ${report.violations.length}`);
  lines.push(`time:               ${(report.ms / 1000).toFixed(1)} s`);
  return lines.join('\n');
}
