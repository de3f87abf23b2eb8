/**
 * A value that only the writing statement can know (a dossier's number, taken from its unit's daily counter)
 * is built into every text as a stand-in, and the statement puts the value in its place. The statement names
 * a one-row CTE `stand_in (placeholder, value)`, and writes each such text through `replaced`. A CTE that
 * selects from `stand_in` writes nothing when it is empty, so an empty `stand_in` writes nothing at all.
 *
 * The placeholder '' changes nothing (PostgreSQL's replace leaves a string as it is for an empty pattern).
 */
import { sql, type RawBuilder } from 'kysely';

export const replaced = (text: RawBuilder<unknown>): RawBuilder<string> =>
  sql<string>`replace(${text}, stand_in.placeholder, stand_in.value)`;
