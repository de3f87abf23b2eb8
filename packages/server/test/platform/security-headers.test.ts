import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('API answers, problems and the API docs carry the security headers', async () => {
  const anonymous = t.anonymous;
  for (const url of ['/health', '/api/v1/dossiers', '/api/v1/public/service-index?period=2026-Q9']) {
    const res = await anonymous.get(url);
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/, url);
    assert.match(csp, /frame-ancestors 'none'/, url);
    assert.match(csp, /object-src 'none'/, url);
    assert.doesNotMatch(csp, /upgrade-insecure-requests/, `${url}: served over http here`);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
    assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN', url);
    assert.equal(res.headers['referrer-policy'], 'no-referrer', url);
    assert.equal(res.headers['strict-transport-security'], undefined, url);
  }
  const docs = await anonymous.get('/api/docs/static/index.html');
  assert.equal(docs.headers['x-content-type-options'], 'nosniff');
});
