import { describe, expect, it } from 'vitest';
import { NAV } from '../../../web/src/routes.js';
import { APP_PATHS } from './dashboard.js';

describe('the dashboard pages the API serves', () => {
  it('include every view in the navigation, so each can be reloaded and bookmarked', () => {
    const served: readonly string[] = APP_PATHS;
    expect(NAV.map((entry) => entry.path).filter((path) => !served.includes(path))).toEqual([]);
  });
});
