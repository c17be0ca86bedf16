/**
 * Lab 05 reference solution: the Durable Object behind /counters/<name>. The Worker creates one
 * instance per counter name (`idFromName`), so every request for "visits" reaches the same
 * object, wherever in the world it arrives.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Env } from './index.ts';

// #region durable-object
export class Counter extends DurableObject<Env> {
  /** A copy of what storage holds, so reads need no I/O. Storage stays the source of truth. */
  private value = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // An instance can be evicted and recreated at any time (after a deploy, when idle, on
    // another machine): memory starts empty, storage does not. blockConcurrencyWhile holds
    // back every request until the count is loaded, so none sees the empty start value.
    ctx.blockConcurrencyWhile(async () => {
      this.value = (await ctx.storage.get<number>('value')) ?? 0;
    });
  }

  /** Adds one and returns the new count. */
  async increment(): Promise<number> {
    // No await between reading and writing the count: no other request can interleave, and
    // the write is durable before the caller sees the new value (the output gate).
    this.value += 1;
    await this.ctx.storage.put('value', this.value);
    return this.value;
  }

  /** The current count (0 for a counter that was never incremented). */
  async current(): Promise<number> {
    return this.value;
  }
}
// #endregion durable-object
