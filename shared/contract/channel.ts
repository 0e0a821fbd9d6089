import type { z } from 'zod';

/**
 * One contract entry: the zod schema its input must pass, and (as a type only) what it answers.
 * `response` never exists at run time; it carries the answer's type to clients and handlers.
 */
export type ChannelSpec<S extends z.ZodType, R> = { readonly input: S; readonly response?: R };

/** `channel<Answer>()(inputSchema)`: the two-step call lets the schema's type be inferred. */
export const channel =
  <R>() =>
  <S extends z.ZodType>(input: S): ChannelSpec<S, R> => ({ input });
