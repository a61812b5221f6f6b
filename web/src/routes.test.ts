import { describe, expect, it } from 'vitest';
import { NAV, parseRoute } from './routes.js';

describe('routes', () => {
  it('names a view for every stable address', () => {
    expect(NAV.map((entry) => [entry.path, parseRoute(entry.path).view])).toEqual([
      ['/', 'approvals'],
      ['/briefing', 'briefing'],
      ['/activity', 'activity'],
      ['/twin', 'twin'],
      ['/settings', 'settings'],
      ['/connections', 'connections'],
      ['/users', 'users'],
    ]);
    expect(parseRoute('/activity/').view).toBe('activity');
  });

  it('opens a decision or approval by its id, and says when nothing is there', () => {
    const id = '3f1c0000-0000-4000-8000-000000000001';
    expect(parseRoute(`/decisions/${id}`)).toEqual({ view: 'activity', id });
    expect(parseRoute(`/approvals/${id}`)).toEqual({ view: 'approvals', id });
    expect(parseRoute('/decisions/nope')).toEqual({ view: 'notFound', path: '/decisions/nope' });
    expect(parseRoute('/admin')).toEqual({ view: 'notFound', path: '/admin' });
  });
});
