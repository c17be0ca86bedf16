/**
 * Lab 05 — the Durable Object behind /counters/<name>. Read labs/lab-05-cloudflare-worker/README.md
 * first. The Worker (index.ts) creates one instance of this class per counter name.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Env } from './index.ts';

export class Counter extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // TODO(lab-05): task 5 — load the stored count from ctx.storage here, inside
    // ctx.blockConcurrencyWhile(async () => { … }), so no request runs before it is loaded.
  }

  /** Adds one and returns the new count. */
  async increment(): Promise<number> {
    // TODO(lab-05): task 4 — add one and write the count to this.ctx.storage (memory alone is
    // lost whenever Cloudflare evicts the object).
    throw new Error('TODO(lab-05): Counter.increment() is not written yet');
  }

  /** The current count (0 for a counter that was never incremented). */
  async current(): Promise<number> {
    // TODO(lab-05): task 4 — return the current count.
    throw new Error('TODO(lab-05): Counter.current() is not written yet');
  }
}
