import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogCache, type LoggedAction } from '../../src/dossiers/logCache';

const entry = (seq: number): LoggedAction => ({
  id: `a${seq}`,
  seq,
  type: 'HAND_OFF',
  actorId: null,
  actorRole: 'SPECIALIST',
  unitId: 'u',
  at: new Date(seq * 1000),
  payload: {},
});
const log = (n: number) => Array.from({ length: n }, (_, i) => entry(i + 1));

test('a cached prefix joins the entries read after it into the whole log', () => {
  const c = new LogCache();
  c.remember('d', log(3));
  const prefix = c.known('d');
  assert.deepEqual(c.join('d', prefix, [entry(4), entry(5)], 5), log(5));
});

test('a prefix that does not fit the row (another database, a hole, too long) is dropped, not used', () => {
  const c = new LogCache();
  c.remember('d', log(3));
  assert.equal(c.join('d', c.known('d'), [entry(5)], 5), undefined, 'a hole at 4');
  assert.deepEqual(c.known('d'), [], 'dropped');
  c.remember('d', log(6));
  assert.equal(c.join('d', c.known('d'), [], 4), undefined, 'longer than the row says');
  assert.deepEqual(c.join('e', c.known('e'), log(2), 2), log(2), 'nothing cached: the read is the log');
});

test('bounded: the least recently used log leaves first', () => {
  const c = new LogCache(2);
  c.remember('a', log(1));
  c.remember('b', log(1));
  c.known('a');
  c.remember('c', log(1));
  assert.equal(c.known('b').length, 0);
  assert.equal(c.known('a').length, 1);
  assert.equal(c.known('c').length, 1);
});
