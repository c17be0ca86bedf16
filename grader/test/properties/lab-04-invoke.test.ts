/**
 * Properties of the lab-04 reference client: any JSON payload round-trips through the bytes it
 * sends; the size check agrees with the UTF-8 byte count; and for any run of throttles and any
 * maxAttempts, it makes exactly min(throttles + 1, maxAttempts) calls, waits one fewer time with
 * non-decreasing waits, and never retries a function error.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  invokeAsync,
  invokeSync,
  PAYLOAD_LIMITS,
} from '../../../solutions/lab-04-invoke/src/invoke.ts';
import { mockClient } from '../../testkit/index.ts';
import {
  errorPayload,
  eventAccepted,
  invokeResponse,
  sentPayloadText,
  throttled,
} from '../../testkit/lambda-invoke.ts';

const lambda = mockClient(LambdaClient);
beforeEach(() => lambda.reset());

const noWait = { sleep: async () => {}, random: () => 0.5 };

describe('lab-04 reference client', () => {
  it('sends any JSON payload as UTF-8 bytes that decode to the same value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.jsonValue(), async (payload, answer) => {
        lambda.reset();
        lambda.on(InvokeCommand).resolves(invokeResponse({ payload: answer }));
        const result = await invokeSync('fn', payload);
        const sent = sentPayloadText(lambda.commandCalls(InvokeCommand)[0]!.args[0].input);
        expect(JSON.parse(sent!)).toEqual(JSON.parse(JSON.stringify(payload)));
        expect(result.payload).toEqual(JSON.parse(JSON.stringify(answer)));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an Event payload exactly when its UTF-8 JSON is over 1 MB', async () => {
    lambda.on(InvokeCommand).resolves(eventAccepted());
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('a', 'é', '€', '😀'),
        fc.integer({ min: PAYLOAD_LIMITS.asyncBytes - 64, max: PAYLOAD_LIMITS.asyncBytes + 64 }),
        async (unit, targetBytes) => {
          const unitBytes = Buffer.byteLength(unit);
          const text = unit.repeat(Math.floor((targetBytes - 2) / unitBytes));
          const bytes = Buffer.byteLength(JSON.stringify(text));
          const outcome = await invokeAsync('fn', text).then(
            () => 'sent',
            (error: Error) => error.name,
          );
          expect(outcome).toBe(bytes > PAYLOAD_LIMITS.asyncBytes ? 'PayloadTooLargeError' : 'sent');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('makes min(throttles + 1, maxAttempts) calls with non-decreasing waits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        async (throttles, maxAttempts, r) => {
          lambda.reset();
          let behaviour = lambda.on(InvokeCommand);
          for (let i = 0; i < throttles; i++) behaviour = behaviour.rejectsOnce(throttled());
          behaviour.resolves(invokeResponse({ payload: 'ok' }));
          const waits: number[] = [];
          const outcome = await invokeSync(
            'fn',
            {},
            {
              maxAttempts,
              random: () => r,
              sleep: async (ms) => {
                waits.push(ms);
              },
            },
          ).then(
            () => 'ok',
            (error: Error) => error.name,
          );
          const calls = Math.min(throttles + 1, maxAttempts);
          expect(lambda.commandCalls(InvokeCommand)).toHaveLength(calls);
          expect(waits).toHaveLength(calls - 1);
          for (let i = 1; i < waits.length; i++)
            expect(waits[i]!).toBeGreaterThanOrEqual(waits[i - 1]!);
          expect(outcome).toBe(throttles < maxAttempts ? 'ok' : 'TooManyRequestsException');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never retries a function error, whatever maxAttempts is', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom('Handled' as const, 'Unhandled' as const),
        async (maxAttempts, kind) => {
          lambda.reset();
          lambda
            .on(InvokeCommand)
            .resolves(invokeResponse({ functionError: kind, payload: errorPayload('Boom', 'no') }));
          const name = await invokeSync('fn', {}, { ...noWait, maxAttempts }).then(
            () => 'ok',
            (error: Error) => error.name,
          );
          expect(name).toBe('RemoteFunctionError');
          expect(lambda.commandCalls(InvokeCommand)).toHaveLength(1);
        },
      ),
      { numRuns: 50 },
    );
  });
});
