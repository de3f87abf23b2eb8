/**
 * Answers are checked and stripped by their zod schema before JSON.stringify (fastify-type-provider-zod). For the
 * dossier detail, the answer to every action, that check was ≈ 7% of the server's CPU under load (tenth look in
 * docs/performance.md) although its builder (`dossiers/view.ts` `detailOf`) names every field. Schemas marked with
 * `builtAnswer` are therefore written with JSON.stringify alone in production; everywhere else (tests, development,
 * the demo) they are still checked, and an answer that differs from what the schema would send — a field too many,
 * a wrong type — fails the request, so a builder that drifts from its schema fails the suite.
 */
import { isDeepStrictEqual } from 'node:util';
import { serializerCompiler } from 'fastify-type-provider-zod';

const built = new WeakSet<object>();

/** Marks answer schemas whose builders name every field (see above). */
export function builtAnswer(...schemas: object[]): void {
  for (const s of schemas) built.add(s);
}

type SerializerCompiler = Parameters<typeof serializerCompiler>[0];

/** The serializer compiler: `check` (outside production) verifies built answers against their schema. */
export function responseSerializerCompiler(check: boolean) {
  return (route: SerializerCompiler): ((data: unknown) => string) => {
    const checked = serializerCompiler(route);
    if (!built.has(route.schema as object)) return checked;
    if (!check) return (data) => JSON.stringify(data);
    return (data) => {
      const text = checked(data);
      if (!isDeepStrictEqual(JSON.parse(text), JSON.parse(JSON.stringify(data))))
        throw new Error(`${route.method} ${route.url}: the answer holds fields its schema does not`);
      return text;
    };
  };
}
