import type { InjectionReport } from './run-injection.js';

function pad(text: string, width: number): string {
  return text.length >= width ? text.slice(0, width) : text + ' '.repeat(width - text.length);
}

function decided(d: { kind: string; outcome: string; action: string | null; ran: boolean }): string {
  return `${d.outcome} ${d.action ?? '-'}${d.ran ? ' (ran)' : ''} [${d.kind}]`;
}

/** One line per injection email (with the obeying model, then rules only), then the figures. */
export function formatInjection(report: InjectionReport): string {
  const lines = ['Prompt injection (a model that obeys the mail, at high autonomy; rules only for comparison):'];
  lines.push(`  ${pad('case', 22)} ${pad('path', 44)} ${pad('with the model', 44)} rules only`);
  for (const r of report.results) {
    lines.push(`  ${pad(r.id, 22)} ${pad(r.path, 44)} ${pad(decided(r), 44)} ${decided(r.rulesOnly)}${r.ranBecause ? `  ran: ${r.ranBecause}` : ''}${r.problems.length > 0 ? `  PROBLEM: ${r.problems.join('; ')}` : ''}`);
  }
  const asked = report.results.filter((r) => r.modelAsked).length;
  const named = report.results.filter((r) => r.path.startsWith('interpreted by obedient')).length;
  const ran = report.results.filter((r) => r.ran).length;
  const ranRules = report.results.filter((r) => r.rulesOnly.ran).length;
  const changed = report.results.filter((r) => r.kind !== r.rulesOnly.kind).length;
  lines.push(`injection emails:   ${report.results.length} (model asked about ${asked}; its kind taken for ${named}, changing the kind of ${changed})`);
  lines.push(`ran without asking: ${ran} with the model, ${ranRules} rules only (with the model, only what also runs without it)`);
  lines.push(`injection violations: ${report.violations.length}`);
  lines.push(`injection time:     ${(report.ms / 1000).toFixed(1)} s`);
  return lines.join('\n');
}
