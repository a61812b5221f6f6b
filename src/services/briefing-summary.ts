import type { Briefing } from '../contract/index.js';
import { briefingFacts, type BriefingSummarizer } from '../llm/index.js';
import type { ServiceDeps } from './deps.js';

/** Users whose last model summary this process keeps (derived data: lost on restart, asked again). */
const REMEMBERED_USERS = 500;

/**
 * The briefing with its summary written by the language model, where one is configured and gives a
 * usable answer; otherwise the rules' summary, as before. `summarySource` says which. The model is
 * asked again only when the briefing's facts changed since it last summed them up for this user.
 */
export async function withModelSummary(deps: ServiceDeps, briefing: Briefing): Promise<Briefing> {
  const summarizer = deps.summarizer;
  if (!summarizer) return briefing;
  const key = `${summarizer.model}\u0000${JSON.stringify(briefingFacts(briefing))}`;
  const cache = cacheOf(summarizer);
  const remembered = cache.get(briefing.userId);
  if (remembered?.key === key) return { ...briefing, summary: remembered.summary, summarySource: 'model' };
  const written = await summarizer.summarize(briefing);
  if ('failure' in written) return briefing;
  cache.delete(briefing.userId);
  cache.set(briefing.userId, { key, summary: written.summary });
  if (cache.size > REMEMBERED_USERS) cache.delete(cache.keys().next().value ?? '');
  return { ...briefing, summary: written.summary, summarySource: 'model' };
}

const caches = new WeakMap<BriefingSummarizer, Map<string, { key: string; summary: string }>>();

function cacheOf(summarizer: BriefingSummarizer): Map<string, { key: string; summary: string }> {
  let cache = caches.get(summarizer);
  if (!cache) {
    cache = new Map();
    caches.set(summarizer, cache);
  }
  return cache;
}
