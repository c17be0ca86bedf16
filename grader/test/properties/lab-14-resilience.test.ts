/**
 * Properties of the lab-14 reference: every retry delay lies inside the full-jitter window and
 * under the cap; the circuit breaker follows its state machine for any sequence of successes,
 * failures and clock moves; the DLQ consumer never throws and never acknowledges a message it
 * did not record.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CircuitBreaker,
  type CircuitState,
} from '../../../solutions/lab-14-resilience/src/breaker.ts';
import {
  createDlqConsumer,
  type DeadLetterRecord,
} from '../../../solutions/lab-14-resilience/src/dlq-consumer.ts';
import { retry } from '../../../solutions/lab-14-resilience/src/retry.ts';
import { sqsEvent } from '../../testkit/index.ts';

describe('lab-14 reference', () => {
  it('keeps every retry delay inside [0, min(cap, base × 2^n)] and makes maxAttempts calls', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        async (maxAttempts, base, cap, r) => {
          const sleeps: number[] = [];
          let calls = 0;
          const error = Object.assign(new Error('busy'), { name: 'ThrottlingException' });
          await expect(
            retry(
              async () => {
                calls += 1;
                throw error;
              },
              {
                maxAttempts,
                baseDelayMs: base,
                maxDelayMs: cap,
                random: () => r,
                sleep: async (ms) => {
                  sleeps.push(ms);
                },
              },
            ),
          ).rejects.toBe(error);
          expect(calls).toBe(maxAttempts);
          expect(sleeps).toHaveLength(maxAttempts - 1);
          sleeps.forEach((ms, n) => {
            expect(ms).toBeGreaterThanOrEqual(0);
            expect(ms).toBeLessThanOrEqual(Math.min(cap, base * 2 ** n));
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('follows the breaker state machine for any sequence of calls and clock moves', async () => {
    const THRESHOLD = 3;
    const COOLDOWN = 1000;
    const action = fc.oneof(
      fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 1500 }) }),
      fc.record({ kind: fc.constant('call' as const), fail: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(action, { maxLength: 60 }), async (actions) => {
        let now = 0;
        const breaker = new CircuitBreaker({
          failureThreshold: THRESHOLD,
          cooldownMs: COOLDOWN,
          now: () => now,
        });
        // The model: what the lab text says the breaker does.
        let state: CircuitState = 'CLOSED';
        let failures = 0;
        let openedAt = 0;
        const effective = () =>
          state === 'OPEN' && now - openedAt >= COOLDOWN ? 'HALF_OPEN' : state;
        for (const a of actions) {
          if (a.kind === 'advance') {
            now += a.ms;
            continue;
          }
          const expected = effective();
          let reached = false;
          const result = await breaker
            .call(async () => {
              reached = true;
              if (a.fail) throw new Error('down');
              return 'ok';
            })
            .then(
              () => 'ok',
              (e: Error) => e.name,
            );
          if (expected === 'OPEN') {
            expect(reached).toBe(false);
            expect(result).toBe('CircuitOpenError');
            continue;
          }
          expect(reached).toBe(true);
          if (expected === 'HALF_OPEN') {
            state = a.fail ? 'OPEN' : 'CLOSED';
            failures = 0;
            if (a.fail) openedAt = now;
          } else if (a.fail) {
            failures += 1;
            if (failures >= THRESHOLD) {
              state = 'OPEN';
              openedAt = now;
              failures = 0;
            }
          } else {
            failures = 0;
          }
          expect(breaker.state).toBe(effective());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws and never acknowledges a message it did not record', async () => {
    const batch = fc.array(
      fc.record({
        body: fc.oneof(fc.string(), fc.json()),
        fails: fc.boolean(),
        receiveCount: fc.integer({ min: 1, max: 20 }),
      }),
      { maxLength: 12 },
    );
    await fc.assert(
      fc.asyncProperty(batch, fc.boolean(), async (messages, alertFails) => {
        const event = sqsEvent(
          messages.map((m, i) => ({
            messageId: `m-${i}`,
            body: m.body,
            receiveCount: m.receiveCount,
          })),
        );
        const saved = new Set<string>();
        const handler = createDlqConsumer({
          store: {
            async save(record: DeadLetterRecord) {
              const i = Number(record.messageId.slice(2));
              if (messages[i]?.fails) throw new Error('store down');
              saved.add(record.messageId);
            },
          },
          alert: async () => {
            if (alertFails) throw new Error('alert down');
          },
        });
        const silent = console.error;
        console.error = () => {};
        const log = console.log;
        console.log = () => {};
        try {
          const result = await handler(event);
          const reported = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
          for (const record of event.Records) {
            // Every message is either recorded or kept in the queue, never both.
            expect(saved.has(record.messageId) !== reported.has(record.messageId)).toBe(true);
          }
        } finally {
          console.error = silent;
          console.log = log;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on malformed events', async () => {
    const handler = createDlqConsumer({
      store: { save: async () => {} },
      alert: async () => {},
    });
    const silent = console.error;
    const log = console.log;
    console.error = () => {};
    console.log = () => {};
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.anything(),
            fc.record({ Records: fc.array(fc.anything(), { maxLength: 5 }) }),
          ),
          async (event) => {
            const result = await handler(event as never);
            expect(Array.isArray(result.batchItemFailures)).toBe(true);
          },
        ),
        { numRuns: 300 },
      );
    } finally {
      console.error = silent;
      console.log = log;
    }
  });
});
