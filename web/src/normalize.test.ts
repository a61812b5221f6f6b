import { describe, expect, it } from 'vitest';
import { normalizeApprovalList, normalizeDecisionList } from './normalize.js';

describe('normalizing answers', () => {
  it('fills what an older approval list leaves out, so the page still reads', () => {
    const list = normalizeApprovalList({
      approvals: [{ id: 'a', decisionId: 'd', status: 'pending', urgency: 'high', createdAt: '2026-12-02T09:00:00Z', expiresAt: '2026-12-03T09:00:00Z', action: { type: 'archive', domain: 'email', parameters: {}, reversibility: 'full', estimatedCostCents: 0 }, summary: 'Waiting for your approval to archive' }],
    });
    expect(list.total).toBe(1);
    expect(list.groups).toEqual([]);
    expect(list.nextCursor).toBeNull();
    expect(list.approvals[0]).toMatchObject({ sender: { name: null, address: null }, subject: null, proposal: 'Archive it', draft: null, asks: '' });
  });

  it('keeps what a current list sends', () => {
    const list = normalizeApprovalList({ approvals: [], total: 120, counts: { critical: 1, high: 2, normal: 3, low: 4 }, groups: [{ key: 'k', label: 'archive 7 newsletters', count: 7 }], nextCursor: 'abc' });
    expect(list).toEqual({ approvals: [], total: 120, counts: { critical: 1, high: 2, normal: 3, low: 4 }, groups: [{ key: 'k', label: 'archive 7 newsletters', count: 7 }], nextCursor: 'abc' });
  });

  it('gives an older decision a life and words for its situation', () => {
    const { decisions } = normalizeDecisionList({ decisions: [{ id: 'd', situation: { kind: 'newsletter' }, selectedAction: { action: 'archive' }, explanation: { summary: 'Archived it' }, createdAt: '2026-12-02T09:00:00Z' }], nextCursor: null });
    expect(decisions[0]).toMatchObject({ situation: 'newsletter', situationWords: 'newsletter', action: 'archive', summary: 'Archived it', life: { state: 'nothing', at: null, reason: null }, undoable: false, feedback: null });
  });
});
