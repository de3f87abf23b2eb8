// Types of the wire shapes from the domain's zod schemas, without naming zod here: the schema modules are
// imported as types only (`import type * as schemas from '@motcua/domain/schemas/…'`), so no zod reaches the bundle.

/** What a schema parses to (zod's output type): an answer of the server. */
export type Out<S extends { parse(value: unknown): unknown }> = ReturnType<S['parse']>;

/** What a schema accepts (zod's input type, from the Standard Schema props): a body or a query the web sends. */
export type In<S extends { '~standard': { types?: { input: unknown } | undefined } }> = NonNullable<
  S['~standard']['types']
>['input'];

/**
 * A schema's type with some fields narrowed to the domain's unions where the schema says only string or number
 * (the server fills them from the state table). Each narrowed field must still be one of the schema's values.
 */
export type Narrow<T, N extends { [K in keyof N]: K extends keyof T ? T[K] : never }> = Omit<T, keyof N> & N;
