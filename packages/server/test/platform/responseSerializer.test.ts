/**
 * Answers marked as built field by field skip the schema's copy in production only; outside it they are checked,
 * so a builder that sends a field its schema does not have (or a wrong type) fails the test suite.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { builtAnswer, responseSerializerCompiler } from '../../src/platform/responseSerializer';

const view = z.object({ id: z.string(), count: z.number(), note: z.string().nullable().optional() });
const marked = z.object({ id: z.string(), count: z.number(), note: z.string().nullable().optional() });
builtAnswer(marked);

const serializer = (schema: z.ZodType, check: boolean) =>
  responseSerializerCompiler(check)({ schema, method: 'GET', url: '/x', httpStatus: '200' });

describe('response serialisation', () => {
  test('an unmarked schema strips what it does not name, in production and outside it', () => {
    for (const check of [true, false]) {
      const text = serializer(view, check)({ id: 'a', count: 1, secret: 'x' });
      assert.deepEqual(JSON.parse(text), { id: 'a', count: 1 });
    }
  });

  test('a marked schema sends the same JSON as the schema would, in both modes', () => {
    const data = { id: 'a', count: 2, note: null };
    const bySchema = serializer(view, true)(data);
    for (const check of [true, false])
      assert.deepEqual(JSON.parse(serializer(marked, check)(data)), JSON.parse(bySchema));
  });

  test('outside production, a marked answer with a field too many or a wrong type fails', () => {
    const send = serializer(marked, true);
    assert.throws(() => send({ id: 'a', count: 1, secret: 'x' }), /fields its schema does not/);
    assert.throws(() => send({ id: 'a', count: '1' }));
    assert.throws(() => send({ id: 'a', count: 1, note: 3 }));
  });
});
