import { InvokeCommand, type InvokeCommandInput, LambdaClient } from '@aws-sdk/client-lambda';
import * as lab from '@lab/lab-04-invoke/src/invoke.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from '../../testkit/index.ts';
import {
  dryRunAccepted,
  errorPayload,
  eventAccepted,
  functionNotFound,
  invokeResponse,
  sentPayloadText,
  throttled,
} from '../../testkit/lambda-invoke.ts';

const lambda = mockClient(LambdaClient);

const SYNC_LIMIT = 6_291_456; // 6 MB
const ASYNC_LIMIT = 1_048_576; // 1 MB since October 2025 (256 KB before)

interface Options {
  tailLogs?: boolean;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}
type Result = { statusCode?: unknown; payload?: unknown; logs?: unknown };
const invokeSync = lab.invokeSync as unknown as (
  name: string,
  payload: unknown,
  options?: Options,
) => Promise<Result>;
const invokeAsync = lab.invokeAsync as unknown as (
  name: string,
  payload: unknown,
  options?: Options,
) => Promise<Result>;
const dryRun = lab.dryRun as unknown as (
  name: string,
  payload?: unknown,
  options?: Options,
) => Promise<Result>;

/** Options that never really wait, and record the waits asked for. */
function fakeWaits(limit = 50) {
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
    if (waits.length > limit)
      throw new Error(
        `sleep was called more than ${limit} times: the retries are not bounded by maxAttempts`,
      );
  };
  return { waits, options: { sleep, random: () => 0.5 } };
}

function sentInputs(): InvokeCommandInput[] {
  return lambda.commandCalls(InvokeCommand).map((call) => call.args[0].input);
}

/** The JSON value a command was sent with. */
function sentPayload(input: InvokeCommandInput | undefined): unknown {
  const text = sentPayloadText(input);
  expect(text, 'the Payload sent: UTF-8 bytes (or a string) of JSON').toBeTypeOf('string');
  return JSON.parse(text!);
}

/** Resolves to the error `promise` rejected with, or fails saying what it resolved to. */
async function rejectionOf(promise: Promise<unknown>, what: string): Promise<Error> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${what} resolved to ${JSON.stringify(value)?.slice(0, 160)}; it must reject`);
}

/** A payload whose JSON is exactly `bytes` bytes of UTF-8: {"data":"xxx…"}. */
function payloadOfBytes(bytes: number): { data: string } {
  return { data: 'x'.repeat(bytes - '{"data":""}'.length) };
}

beforeEach(() => {
  lambda.reset();
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('1. Invoke a function and wait for its answer', () => {
  it('sends a RequestResponse invocation with the payload as UTF-8 JSON', async () => {
    // Prepare
    lambda.on(InvokeCommand).resolves(invokeResponse({ payload: { ok: true } }));
    const payload = { name: 'Zoë 🚀', city: 'São Paulo', tags: ['naïve', 'café'] };
    // Act
    await invokeSync('greeter', payload);
    // Assess
    expect(lambda, 'the InvokeCommand sent').toHaveReceivedCommandWith(InvokeCommand, {
      FunctionName: 'greeter',
      InvocationType: 'RequestResponse',
    });
    expect(sentInputs().length, 'InvokeCommands sent for one invocation').toBe(1);
    expect(sentPayload(sentInputs()[0]), 'the payload, decoded from the bytes sent').toEqual(
      payload,
    );
  });

  it('decodes the response Payload bytes into a value', async () => {
    lambda
      .on(InvokeCommand)
      .resolvesOnce(invokeResponse({ payload: { greeting: 'Olá, Zoë! 👋', count: 2 } }))
      .resolvesOnce(invokeResponse({ payload: null }));
    const result = await invokeSync('greeter', { name: 'Zoë' });
    expect(result.statusCode, 'statusCode of a successful invocation').toBe(200);
    expect(result.payload, 'payload: the function result, decoded from Uint8Array JSON').toEqual({
      greeting: 'Olá, Zoë! 👋',
      count: 2,
    });
    const nothing = await invokeSync('greeter', {});
    expect(nothing.payload, 'payload of a function that returned nothing ("null")').toBeNull();
  });

  it('asks for the tail of the log and decodes it from base64', async () => {
    const logs =
      'START RequestId: 8f5e Version: $LATEST\ngreeting Zoë\nEND RequestId: 8f5e\nREPORT RequestId: 8f5e\tDuration: 2.31 ms';
    // Lambda sends LogResult only when asked; the mock answers the same way.
    lambda.on(InvokeCommand).resolves(invokeResponse({ payload: {} }));
    lambda
      .on(InvokeCommand, { LogType: 'Tail' })
      .resolves(invokeResponse({ payload: { greeting: 'Hello, Zoë!' }, logs }));
    const withLogs = await invokeSync('greeter', { name: 'Zoë' }, { tailLogs: true });
    expect(lambda, 'the InvokeCommand sent with tailLogs').toHaveReceivedCommandWith(
      InvokeCommand,
      {
        LogType: 'Tail',
      },
    );
    expect(withLogs.logs, 'logs: LogResult decoded from base64 to text').toBe(logs);
    lambda.resetHistory();
    await invokeSync('greeter', { name: 'Zoë' });
    expect(
      sentInputs()[0]?.LogType === 'Tail',
      "LogType 'Tail' sent although tailLogs was not asked for",
    ).toBe(false);
  });
});

describe('2. Turn a function error into a typed error', () => {
  it('rejects with RemoteFunctionError when FunctionError is set, although StatusCode is 200', async () => {
    for (const kind of ['Unhandled', 'Handled'] as const) {
      lambda.reset();
      lambda.on(InvokeCommand).resolves(
        invokeResponse({
          statusCode: 200,
          functionError: kind,
          payload: errorPayload('GreetingRefusedError', 'Refusing to greet Ada'),
        }),
      );
      const error = await rejectionOf(
        invokeSync('greeter', { name: 'Ada', fail: true }),
        `invokeSync of a function that failed (StatusCode 200, FunctionError '${kind}')`,
      );
      expect(error.name, `name of the error for FunctionError '${kind}'`).toBe(
        'RemoteFunctionError',
      );
      expect((error as { kind?: unknown }).kind, "the error's kind (the FunctionError value)").toBe(
        kind,
      );
    }
  });

  it("keeps the remote error's type, message and tail logs on the error", async () => {
    const logs =
      'START RequestId: 1a2b\nGreetingRefusedError: Refusing to greet Ada\nEND RequestId: 1a2b';
    lambda.on(InvokeCommand).resolves(
      invokeResponse({
        functionError: 'Unhandled',
        payload: errorPayload('GreetingRefusedError', 'Refusing to greet Ada'),
        logs,
      }),
    );
    const error = (await rejectionOf(
      invokeSync('greeter', { name: 'Ada', fail: true }, { tailLogs: true }),
      'invokeSync of a function that threw',
    )) as Error & Record<string, unknown>;
    expect(error.functionName, 'functionName on the error').toBe('greeter');
    expect(error.errorType, 'errorType: the remote error type from the payload').toBe(
      'GreetingRefusedError',
    );
    expect(error.errorMessage, 'errorMessage: the remote message from the payload').toBe(
      'Refusing to greet Ada',
    );
    expect(error.logs, 'logs on the error: the decoded tail of the log').toBe(logs);
  });
});

describe('3. Fire and forget, and dry runs', () => {
  it('sends an Event invocation and returns its 202 without reading a payload', async () => {
    lambda.on(InvokeCommand, { InvocationType: 'Event' }).resolves(eventAccepted());
    const payload = { orderId: 'o-1', note: 'entregue à Zoë' };
    const result = await invokeAsync('audit', payload);
    expect(lambda, 'the InvokeCommand sent').toHaveReceivedCommandWith(InvokeCommand, {
      FunctionName: 'audit',
      InvocationType: 'Event',
    });
    expect(sentPayload(sentInputs()[0]), 'the payload, decoded from the bytes sent').toEqual(
      payload,
    );
    expect(result.statusCode, 'statusCode of an Event invocation').toBe(202);
  });

  it('checks access with a DryRun invocation (204)', async () => {
    lambda.on(InvokeCommand, { InvocationType: 'DryRun' }).resolves(dryRunAccepted());
    const result = await dryRun('greeter');
    expect(lambda, 'the InvokeCommand sent').toHaveReceivedCommandWith(InvokeCommand, {
      FunctionName: 'greeter',
      InvocationType: 'DryRun',
    });
    expect(result.statusCode, 'statusCode of a DryRun invocation').toBe(204);
  });
});

describe('4. Refuse payloads over the limits', () => {
  it('measures the payload in UTF-8 bytes, not characters', async () => {
    lambda.on(InvokeCommand).resolves(invokeResponse({ payload: {} }));
    lambda.on(InvokeCommand, { InvocationType: 'Event' }).resolves(eventAccepted());
    // 3.2 million characters, 6.4 million bytes: "é" is 2 bytes in UTF-8
    const accents = { note: 'é'.repeat(3_200_000) };
    // 600,000 UTF-16 units, 1.2 million bytes: "😀" is 4 bytes (and 2 units)
    const emoji = { note: '😀'.repeat(300_000) };
    const cases = [
      ['invokeSync', accents, SYNC_LIMIT, () => invokeSync('greeter', accents)],
      ['invokeAsync', emoji, ASYNC_LIMIT, () => invokeAsync('audit', emoji)],
    ] as const;
    for (const [fn, payload, limit, call] of cases) {
      const json = JSON.stringify(payload);
      const bytes = Buffer.byteLength(json);
      const error = await rejectionOf(
        call(),
        `${fn} of ${json.length.toLocaleString('en')} characters but ${bytes.toLocaleString('en')} bytes of UTF-8 JSON (limit ${limit.toLocaleString('en')} bytes)`,
      );
      expect(error.name, `${fn}: the error for a payload over the limit in bytes`).toBe(
        'PayloadTooLargeError',
      );
      expect((error as { bytes?: unknown }).bytes, `${fn}: bytes on the error`).toBe(bytes);
    }
    expect(sentInputs().length, 'InvokeCommands sent for payloads over the limit').toBe(0);
  });

  it('accepts a synchronous payload of exactly 6 MB and refuses one byte more', async () => {
    lambda.on(InvokeCommand).resolves(invokeResponse({ payload: { ok: true } }));
    const result = await invokeSync('greeter', payloadOfBytes(SYNC_LIMIT));
    expect(result.payload, 'result of a payload of exactly 6,291,456 bytes').toEqual({ ok: true });
    expect(sentInputs().length, 'InvokeCommands sent for a payload at the limit').toBe(1);
    const error = await rejectionOf(
      invokeSync('greeter', payloadOfBytes(SYNC_LIMIT + 1)),
      'invokeSync of 6,291,457 bytes',
    );
    expect(error.name, 'the error for 6,291,457 bytes').toBe('PayloadTooLargeError');
    expect((error as { limit?: unknown }).limit, 'limit on the error (6 MB in bytes)').toBe(
      SYNC_LIMIT,
    );
    expect(sentInputs().length, 'InvokeCommands sent in all (the oversized one must not be)').toBe(
      1,
    );
  });

  it('allows asynchronous payloads up to 1 MB, not just 256 KB', async () => {
    lambda.on(InvokeCommand).resolves(eventAccepted());
    for (const bytes of [300_000, 700_000, ASYNC_LIMIT]) {
      const result = await invokeAsync('audit', payloadOfBytes(bytes));
      expect(
        result.statusCode,
        `an Event payload of ${bytes.toLocaleString('en')} bytes (the async limit is 1 MB since October 2025)`,
      ).toBe(202);
    }
    const error = await rejectionOf(
      invokeAsync('audit', payloadOfBytes(ASYNC_LIMIT + 1)),
      'invokeAsync of 1,048,577 bytes',
    );
    expect(error.name, 'the error for an Event payload of 1,048,577 bytes').toBe(
      'PayloadTooLargeError',
    );
    expect((error as { limit?: unknown }).limit, 'limit on the error (1 MB in bytes)').toBe(
      ASYNC_LIMIT,
    );
    expect(sentInputs().length, 'InvokeCommands sent (three accepted, one refused)').toBe(3);
  });
});

describe('5. Retry throttling, and only throttling', () => {
  it('retries a throttled invocation with growing waits until it succeeds', async () => {
    lambda
      .on(InvokeCommand)
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .resolves(invokeResponse({ payload: { greeting: 'Hello, Ada!' } }));
    const { waits, options } = fakeWaits();
    const result = await invokeSync('greeter', { name: 'Ada' }, { ...options, maxAttempts: 5 });
    expect(result.payload, 'payload once the fourth call succeeded').toEqual({
      greeting: 'Hello, Ada!',
    });
    expect(sentInputs().length, 'calls: three throttled, then one that succeeded').toBe(4);
    expect(waits.length, 'waits (options.sleep calls) between the four calls').toBe(3);
    for (const ms of waits)
      expect(Number.isFinite(ms) && ms > 0, `a wait of ${ms} ms: finite and above 0`).toBe(true);
    expect(
      waits[1]! > waits[0]! * 1.5 && waits[2]! > waits[1]! * 1.5,
      `waits that grow exponentially (random fixed at 0.5), got ${waits.map((w) => Math.round(w)).join(', ')} ms`,
    ).toBe(true);
  });

  it('stops after maxAttempts and rethrows the throttling error', async () => {
    lambda.on(InvokeCommand).rejects(throttled());
    const { waits, options } = fakeWaits();
    const error = await rejectionOf(
      invokeSync('greeter', { name: 'Ada' }, { ...options, maxAttempts: 4 }),
      'invokeSync when Lambda always throttles',
    );
    expect(sentInputs().length, 'calls with maxAttempts: 4').toBe(4);
    expect(waits.length, 'waits with maxAttempts: 4 (none after the last call)').toBe(3);
    expect(error.name, 'the error after the last attempt (the throttling error itself)').toBe(
      'TooManyRequestsException',
    );
    lambda.resetHistory();
    await rejectionOf(
      invokeSync('greeter', { name: 'Ada' }, fakeWaits().options),
      'invokeSync (default maxAttempts) when Lambda always throttles',
    );
    expect(sentInputs().length, 'calls with the default maxAttempts (3)').toBe(3);
  });

  it('never retries a function error or another service error', async () => {
    lambda.on(InvokeCommand).resolves(
      invokeResponse({
        functionError: 'Unhandled',
        payload: errorPayload('TypeError', "Cannot read properties of undefined (reading 'id')"),
      }),
    );
    const { waits, options } = fakeWaits();
    const error = await rejectionOf(
      invokeSync('greeter', {}, { ...options, maxAttempts: 5 }),
      'invokeSync of a function that threw',
    );
    expect(error.name, 'the error for a function error').toBe('RemoteFunctionError');
    expect(
      sentInputs().length,
      'calls for a function error (the function ran and failed: running it again repeats its side effects)',
    ).toBe(1);
    lambda.reset();
    lambda.on(InvokeCommand).rejects(functionNotFound('greter'));
    const missing = await rejectionOf(
      invokeSync('greter', {}, { ...options, maxAttempts: 5 }),
      'invokeSync of a function that does not exist',
    );
    expect(missing.name, 'the error for a missing function (rethrown as it came)').toBe(
      'ResourceNotFoundException',
    );
    expect(sentInputs().length, 'calls for a ResourceNotFoundException (404)').toBe(1);
    expect(waits.length, 'waits for errors that are not throttling').toBe(0);
  });
});
