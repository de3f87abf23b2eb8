/** Group while busy: who goes alone, who waits and goes together, and whose failure is whose. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Batcher } from '../../src/platform/batching';

/** A batch function whose batches the test ends by hand, recording what each batch held. */
function handRun<O>(answer: (item: string) => O | Error) {
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  const run = (items: string[]) => {
    batches.push(items);
    return new Promise<(O | Error)[]>((resolve) => pending.push(() => resolve(items.map(answer))));
  };
  const finishNext = async () => {
    pending.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { run, batches, finishNext };
}

describe('Batcher', () => {
  test('idle, an item goes alone at once; items arriving meanwhile wait and go together', async () => {
    const h = handRun((s) => s.toUpperCase());
    const b = new Batcher(h.run);
    const first = b.submit('a');
    assert.deepEqual(h.batches, [['a']], 'the first goes without waiting');
    const rest = ['b', 'c', 'd'].map((x) => b.submit(x));
    assert.equal(h.batches.length, 1, 'the others wait while one batch is on its way');
    await h.finishNext();
    assert.equal(await first, 'A');
    assert.deepEqual(h.batches[1], ['b', 'c', 'd']);
    await h.finishNext();
    assert.deepEqual(await Promise.all(rest), ['B', 'C', 'D'], 'each gets its own answer');
  });

  test('inFlight batches go at once; maxItems bounds a batch', async () => {
    const h = handRun((s) => s);
    const b = new Batcher(h.run, { inFlight: 2, maxItems: 2 });
    const all = ['a', 'b', 'c', 'd', 'e'].map((x) => b.submit(x));
    assert.deepEqual(h.batches, [['a'], ['b']]);
    await h.finishNext();
    assert.deepEqual(h.batches[2], ['c', 'd']);
    await h.finishNext();
    assert.deepEqual(h.batches[3], ['e']);
    await h.finishNext();
    await h.finishNext();
    assert.deepEqual(await Promise.all(all), ['a', 'b', 'c', 'd', 'e']);
  });

  test('items with one exclusive key never share a batch, and keep their order', async () => {
    const h = handRun((s) => s);
    const b = new Batcher(h.run, { exclusiveKey: (s: string) => s[0]! });
    const all = ['x0', 'x1', 'y1', 'x2', 'z1'].map((x) => b.submit(x));
    await h.finishNext();
    assert.deepEqual(h.batches[1], ['x1', 'y1', 'z1']);
    await h.finishNext();
    assert.deepEqual(h.batches[2], ['x2']);
    await h.finishNext();
    assert.deepEqual(await Promise.all(all), ['x0', 'x1', 'y1', 'x2', 'z1']);
  });

  test("an item's error is its own; a batch that throws fails each of its items, and the next batch still goes", async () => {
    const h = handRun((s) => (s === 'bad' ? new Error('bad item') : s));
    const b = new Batcher(h.run);
    const first = b.submit('a');
    const good = b.submit('good');
    const bad = assert.rejects(b.submit('bad'), /bad item/);
    await h.finishNext();
    await h.finishNext();
    assert.equal(await first, 'a');
    assert.equal(await good, 'good');
    await bad;

    let calls = 0;
    const throwing = new Batcher(async (items: string[]) => {
      if (calls++ === 0) throw new Error('connection lost');
      return items;
    });
    const lost = assert.rejects(throwing.submit('p'), /connection lost/);
    const next = throwing.submit('q');
    await lost;
    assert.equal(await next, 'q', 'the waiting item went in the next batch');
  });
});
