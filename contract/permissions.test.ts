import { describe, expect, it } from 'vitest';
import { normalisePermissions, PERMISSION_LABELS, PERMISSIONS } from './permissions.js';

describe('normalisePermissions', () => {
  it('adds case.queryAll when any case permission is granted', () => {
    expect(normalisePermissions(['case.close'])).toEqual(['case.queryAll', 'case.close']);
    expect(normalisePermissions(['case.merge', 'config.manage'])).toEqual([
      'case.queryAll',
      'case.merge',
      'config.manage',
    ]);
  });

  it('does not add it for configuration permissions alone, and removes duplicates', () => {
    expect(normalisePermissions(['users.manage', 'users.manage'])).toEqual(['users.manage']);
  });

  it('labels every permission in English and Chinese', () => {
    for (const p of PERMISSIONS) {
      expect(PERMISSION_LABELS[p].en.length).toBeGreaterThan(0);
      expect(PERMISSION_LABELS[p].zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
