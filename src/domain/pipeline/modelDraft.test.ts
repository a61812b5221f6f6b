import { describe, expect, it } from 'vitest';
import type { Candidate, Explanation, Situation } from '../types.js';
import { draftableByModel, notedDraft, withModelDraft, type DraftAdvice } from './modelDraft.js';

const situation = (kind: string, facts: Record<string, unknown> = {}) => ({ kind, facts }) as unknown as Situation;
const candidate = (type: string, parameters: Record<string, unknown>) => ({ action: { type, parameters }, rationale: 'the rules' }) as unknown as Candidate;
const candidates = [candidate('draft_reply', { to: ['bob@example.com'], subject: 'Re: Q3', threadId: 't', messageId: 'm', body: 'rules text' }), candidate('archive', { messageId: 'm' })];
const explanation = { evidence: ['interpreted by the rules'] } as unknown as Explanation;
const written: DraftAdvice = { model: 'tiny', written: { body: 'model text' } };

describe('a reply draft written by a model', () => {
  it('is for requests and personal notes, not meeting requests, nudges or bulk mail', () => {
    expect(draftableByModel(situation('work_request'))).toBe(true);
    expect(draftableByModel(situation('personal'))).toBe(true);
    expect(draftableByModel(situation('work_request', { meetingRequest: { minutes: 30 } }))).toBe(false);
    expect(draftableByModel(situation('follow_up'))).toBe(false);
    expect(draftableByModel(situation('newsletter'))).toBe(false);
  });

  it("replaces the draft's body and rationale only, leaving every other parameter and candidate as the rules made them", () => {
    const [draft, archive] = withModelDraft(candidates, situation('work_request'), written);
    expect(draft?.action.parameters).toEqual({ to: ['bob@example.com'], subject: 'Re: Q3', threadId: 't', messageId: 'm', body: 'model text' });
    expect(draft?.rationale).toMatch(/written by the language model/);
    expect(archive).toBe(candidates[1]);
    expect(withModelDraft(candidates, situation('work_request'), { model: 'tiny', written: { failure: 'timeout' } })).toBe(candidates);
    expect(withModelDraft(candidates, situation('work_request', { meetingRequest: { minutes: 30 } }), written)).toBe(candidates);
  });

  it('says which path wrote the draft, and nothing where there is no draft', () => {
    const line = (s: Situation, advice: DraftAdvice) => notedDraft(explanation, candidates, s, advice).evidence.at(-1);
    expect(line(situation('personal'), written)).toBe('reply drafted by the language model tiny: read it before you send it');
    expect(line(situation('personal'), { model: 'tiny', written: { failure: 'unavailable' } })).toBe('reply drafted by the rules: the model was unavailable');
    expect(line(situation('personal'), { model: 'tiny', written: null })).toBe('reply drafted by the rules');
    expect(line(situation('personal', { meetingRequest: { minutes: 45 } }), written)).toMatch(/free times from your calendar/);
    expect(notedDraft(explanation, [candidates[1] as Candidate], situation('personal'), written)).toBe(explanation);
  });
});
