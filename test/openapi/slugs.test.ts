import { describe, expect, it } from 'vitest';
import { SlugAllocator, MAX_SLUG_LENGTH } from '../../compiler/parse/openapi/slugs.js';
import { defaultImportance } from '../../compiler/parse/openapi/importance.js';

const slugRule = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

describe('slugs', () => {
  it('upper-snakes operationIds and falls back to method and path', () => {
    const slugs = new SlugAllocator('github');
    expect(slugs.allocate('repos/list-for-org', 'GET', '/orgs/{org}/repos')).toBe('GITHUB_REPOS_LIST_FOR_ORG');
    expect(slugs.allocate('PostCustomersCustomerSources', 'POST', '/x')).toBe('GITHUB_POST_CUSTOMERS_CUSTOMER_SOURCES');
    expect(slugs.allocate(undefined, 'GET', '/repos/{owner}/{repo}')).toBe('GITHUB_GET_REPOS_OWNER_REPO');
    expect(slugs.allocate('github_meta', 'GET', '/meta')).toBe('GITHUB_META');
    expect(slugs.allocate('créer-élément', 'POST', '/y')).toBe('GITHUB_CREER_ELEMENT');
  });

  it('cuts long slugs to 60 characters with a hash that does not depend on other operations', () => {
    const long = 'actions/get-github-actions-default-workflow-permissions-for-an-enterprise-organization';
    const first = new SlugAllocator('github').allocate(long, 'GET', '/a');
    const other = new SlugAllocator('github');
    other.allocate('something-else', 'GET', '/b');
    other.allocate('actions/get-github-actions-default-workflow-permissions-for-an-enterprise-other', 'GET', '/c');
    expect(other.allocate(long, 'GET', '/a')).toBe(first);
    expect(first.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(first).toMatch(/^GITHUB_ACTIONS_GET_GITHUB_ACTIONS_DEFAULT_WORKFLOW_PE_ND0HC0$/);
    expect(first).toMatch(slugRule);
  });

  it('keeps slugs unique: a second operation with the same id gets a hashed suffix', () => {
    const slugs = new SlugAllocator('box');
    slugs.reserve('BOX_GET_FILE');
    const a = slugs.allocate('getFile', 'GET', '/files/{id}');
    const b = slugs.allocate('getFile', 'GET', '/v2/files/{id}');
    expect(new Set(['BOX_GET_FILE', a, b]).size).toBe(3);
    expect(a).toMatch(/^BOX_GET_FILE_[A-Z0-9]{6}$/);
    expect(new SlugAllocator('box').allocate('postOAuth2Token', 'POST', '/t')).not.toBe(new SlugAllocator('box').allocate('postOauth2Token', 'POST', '/t2').toLowerCase());
  });
});

describe('importance heuristic', () => {
  it('ranks list/get/create of core resources above updates, deletes, admin and deprecated ones', () => {
    const score = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, deprecated = false, tags: string[] = []) =>
      defaultImportance({ method, path, tags, deprecated });
    expect(score('GET', '/repos/{owner}/{repo}/issues')).toBeGreaterThan(score('PATCH', '/repos/{owner}/{repo}/issues/{n}'));
    expect(score('POST', '/v1/customers')).toBeGreaterThan(score('DELETE', '/v1/customers/{id}'));
    expect(score('GET', '/user')).toBeGreaterThan(score('GET', '/enterprises/{e}/audit-log'));
    expect(score('GET', '/orgs/{org}/hooks', false)).toBeLessThan(score('GET', '/orgs/{org}/members'));
    expect(score('GET', '/v1/things', true)).toBeLessThan(score('GET', '/v1/things'));
    for (const value of [score('GET', '/a'), score('DELETE', '/admin/a/b/c/d/e/f/g', true)]) {
      expect(value).toBeGreaterThanOrEqual(1);
      expect(value).toBeLessThanOrEqual(95);
    }
  });
});
