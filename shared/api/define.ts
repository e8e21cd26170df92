import type { z } from 'zod';

/**
 * Who may call a method:
 * - 'public': no session (first-run setup, login, status);
 * - 'user': any signed-in user;
 * - a list of roles: only those roles.
 */
export type Role = 'officer' | 'head' | 'admin';
export type Access = 'public' | 'user' | readonly Role[];

export interface MethodSpec<I extends z.ZodType, O, K extends 'query' | 'command'> {
  readonly kind: K;
  readonly input: I;
  readonly access: Access;
  /**
   * 'handler': a long command (a print batch) that the dispatcher does not put in the write queue;
   * the handler does its slow part outside and its writes through ctx.writes.run (saves are not held).
   */
  readonly queue?: 'handler';
  /** Phantom field carrying the output type; never set at run time. */
  readonly output?: O;
}

export type AnyMethod = MethodSpec<z.ZodType, unknown, 'query' | 'command'>;

/** A read: never writes, may run beside other reads. */
export function query<O>() {
  return <I extends z.ZodType>(input: I, access: Access): MethodSpec<I, O, 'query'> => ({ kind: 'query', input, access });
}

/** A write: runs in the single write queue, in one transaction with its outbox and audit rows. */
export function command<O>() {
  return <I extends z.ZodType>(input: I, access: Access, options: { queue?: 'handler' } = {}): MethodSpec<I, O, 'command'> => ({ kind: 'command', input, access, ...options });
}

export type InputOf<M> = M extends MethodSpec<infer I, unknown, 'query' | 'command'> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends MethodSpec<infer I, unknown, 'query' | 'command'> ? z.output<I> : never;
export type OutputOf<M> = M extends MethodSpec<z.ZodType, infer O, 'query' | 'command'> ? O : never;
