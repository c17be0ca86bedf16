/**
 * Lab 11 checks. Task 1 calls the learner's task handlers directly. Tasks 2–4 run the learner's
 * ASL definition in aws-local-stepfunctions (see ./workflow.ts), its Task states resolved to
 * the same handlers, built with a fake payment gateway whose answers each check scripts.
 * Retry pauses are overridden to 0 ms; the waits the definition asks for are read from the
 * retriers recorded in the execution's event log.
 */
import type { ChargeOutcome, ChargeRequest } from '@lab/lab-11-step-functions/src/tasks.ts';
import { createTasks } from '@lab/lab-11-step-functions/src/tasks.ts';
import { describe, expect, it, vi } from 'vitest';
import {
  aslErrors,
  caughtInto,
  containsValue,
  type Definition,
  findErrorInfo,
  loadDefinition,
  PLACEHOLDERS,
  type Run,
  retryWaits,
  runWorkflow,
  type Tasks,
  taskTarget,
} from './workflow.ts';

const order = { orderId: 'ord-1001', amountCents: 4999, currency: 'EUR', cardToken: 'tok_visa' };
const approved: ChargeOutcome = { status: 'approved', chargeId: 'ch_3PqR7' };
const unavailable: ChargeOutcome = { status: 'unavailable', reason: 'HTTP 503' };
const declined: ChargeOutcome = { status: 'declined', reason: 'insufficient funds' };

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A payment gateway that answers with `outcomes` in turn (the last one repeats). */
function fakeGateway(...outcomes: (ChargeOutcome | Error)[]) {
  const charge = vi.fn(async (_request: ChargeRequest): Promise<ChargeOutcome> => {
    await tick();
    const next = outcomes[Math.min(charge.mock.calls.length - 1, outcomes.length - 1)];
    if (next instanceof Error) throw next;
    return next as ChargeOutcome;
  });
  return { charge };
}

function tasksWith(gateway: ReturnType<typeof fakeGateway>): Tasks {
  return createTasks({ gateway }) as unknown as Tasks;
}

/** The error a call rejects with (failing the check if it resolves). */
async function rejection(call: () => Promise<unknown>, what: string): Promise<Error> {
  let outcome: { error: unknown } | { value: unknown };
  try {
    outcome = { value: await call() };
  } catch (error) {
    outcome = { error };
  }
  expect(
    'error' in outcome,
    `${what} must throw, but returned ${JSON.stringify((outcome as { value?: unknown }).value)}`,
  ).toBe(true);
  const error = (outcome as { error: unknown }).error;
  expect(error, `what is thrown for ${what} (an Error)`).toBeInstanceOf(Error);
  return error as Error;
}

/** One line, at most 120 characters. */
function short(text: unknown): string {
  const line = String(text).replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

function expectNamed(error: Error, name: string, what: string) {
  expect(
    error.name,
    `the name of the error thrown for ${what}: Retry and Catch match ErrorEquals against it (got "${error.name}": ${short(error.message)})`,
  ).toBe(name);
}

/** The name of the first Task state that invokes `task`. */
function stateOf(definition: Definition, task: string): string | undefined {
  return Object.entries(definition.States ?? {}).find(
    ([, state]) => state.Type === 'Task' && taskTarget(state).task === task,
  )?.[0];
}

function count(run: Run, task: string): number {
  return run.calls.filter((c) => c === task).length;
}

function describeRun(run: Run): string {
  const path = run.events
    .filter(
      (e) => e.type === 'StateEntered' || e.type === 'StateRetried' || e.type === 'StateCaught',
    )
    .map((e) =>
      e.type === 'StateEntered'
        ? e.state?.name
        : `(${e.type === 'StateRetried' ? 'retry' : 'caught'})`,
    )
    .join(' → ');
  return `${run.status}${run.error ? ` with ${run.error.name}: ${short(run.error.message)}` : ''}; path: ${path || '(none)'}`;
}

/** Runs the workflow with a gateway that answers `outcomes`. */
async function run(input: unknown, ...outcomes: (ChargeOutcome | Error)[]) {
  const definition = await loadDefinition();
  const gateway = fakeGateway(...outcomes);
  const result = await runWorkflow(definition, tasksWith(gateway), input);
  return { definition, gateway, run: result, story: describeRun(result) };
}

/** A caught failure: the state the Catch went to received the order and the error. */
function expectCaught(result: Run, story: string, errorName: string, orderId: string) {
  const caught = caughtInto(result);
  expect(caught, `a Catch that handled the ${errorName} (run: ${story})`).toBeDefined();
  const input = caught!.input as Record<string, unknown> | null;
  expect(
    input?.orderId,
    `orderId in the input of "${caught!.state}", the state the Catch went to: without ResultPath the error replaces the order (run: ${story})`,
  ).toBe(orderId);
  const info = findErrorInfo(input, errorName) as { Cause?: unknown } | undefined;
  expect(
    info,
    `the error ({ "Error": "${errorName}", "Cause": … }) kept in the input of "${caught!.state}" at the Catch's ResultPath (got ${JSON.stringify(input)})`,
  ).toBeDefined();
  expect(result.status, `the execution's status after a caught ${errorName} (run: ${story})`).toBe(
    'FAILED',
  );
}

describe('1. Throw named errors from the task handlers', () => {
  it('accepts a valid order and returns it', async () => {
    const tasks = tasksWith(fakeGateway(approved));
    await expect(
      tasks.validateOrder({ ...order }),
      'validateOrder of a valid order',
    ).resolves.toMatchObject(order);
    await expect(
      tasks.validateOrder({ ...order, currency: 'USD', amountCents: 1 }),
      'validateOrder of a 1-cent USD order',
    ).resolves.toMatchObject({ currency: 'USD', amountCents: 1 });
  });

  it('rejects an invalid order with an error named ValidationError', async () => {
    const tasks = tasksWith(fakeGateway(approved));
    const invalid: [string, unknown][] = [
      ['an empty object', {}],
      ['null', null],
      ['an empty orderId', { ...order, orderId: '' }],
      ['amountCents 0', { ...order, amountCents: 0 }],
      ['a negative amountCents', { ...order, amountCents: -5 }],
      ['a fractional amountCents', { ...order, amountCents: 49.99 }],
      ['amountCents as a string', { ...order, amountCents: '4999' }],
      ['a lower-case currency', { ...order, currency: 'eur' }],
      ['no cardToken', { ...order, cardToken: undefined }],
    ];
    for (const [what, input] of invalid) {
      const error = await rejection(() => tasks.validateOrder(input), `validateOrder of ${what}`);
      expectNamed(error, 'ValidationError', `an order with ${what}`);
      expect(
        error.message.length,
        `the message of the ValidationError for ${what}`,
      ).toBeGreaterThan(0);
    }
  });

  it('throws a PaymentError when the payment provider is unavailable or unreachable', async () => {
    const down = await rejection(
      () => tasksWith(fakeGateway(unavailable)).chargePayment({ ...order }),
      'chargePayment when the gateway answers "unavailable"',
    );
    expectNamed(down, 'PaymentError', 'an unavailable payment provider');
    const unreachable = await rejection(
      () => tasksWith(fakeGateway(new TypeError('fetch failed'))).chargePayment({ ...order }),
      'chargePayment when gateway.charge() rejects with a network error',
    );
    expectNamed(
      unreachable,
      'PaymentError',
      'a network error (a TypeError, which no Retry on PaymentError would match)',
    );
  });

  it('throws a CardDeclinedError when the card is declined', async () => {
    const gateway = fakeGateway(declined);
    const error = await rejection(
      () => tasksWith(gateway).chargePayment({ ...order }),
      'chargePayment when the gateway answers "declined"',
    );
    expectNamed(error, 'CardDeclinedError', 'a declined card');
    expect(gateway.charge, 'gateway.charge calls for a declined card').toHaveBeenCalledTimes(1);
  });

  it('charges with the order id as idempotency key, then confirms the charged order', async () => {
    // Prepare
    const gateway = fakeGateway(approved);
    const tasks = tasksWith(gateway);
    // Act
    const charged = await tasks.chargePayment({ ...order });
    const confirmed = await tasks.confirmOrder(charged);
    // Assess
    expect(gateway.charge, 'the charge request sent to the gateway').toHaveBeenCalledWith(
      expect.objectContaining({
        idempotencyKey: order.orderId,
        amountCents: order.amountCents,
        currency: order.currency,
        cardToken: order.cardToken,
      }),
    );
    expect(charged, 'what chargePayment returns').toMatchObject({
      ...order,
      chargeId: approved.status === 'approved' ? approved.chargeId : '',
    });
    expect(confirmed, 'what confirmOrder returns').toMatchObject({
      orderId: order.orderId,
      chargeId: 'ch_3PqR7',
      status: 'CONFIRMED',
    });
    const unpaid = await rejection(
      () => tasks.confirmOrder({ ...order }),
      'confirmOrder of an order without a chargeId',
    );
    expectNamed(unpaid, 'ValidationError', 'confirming an order that was never charged');
  });
});

describe('2. Define the workflow in ASL', () => {
  it('is valid ASL whose tasks invoke the three functions through their placeholders', async () => {
    const definition = await loadDefinition();
    const errors = aslErrors(definition);
    expect(errors, 'asl-validator errors in src/order-workflow.asl.json').toBeNull();
    const used = new Set<string>();
    for (const [name, state] of Object.entries(definition.States ?? {})) {
      if (state.Type !== 'Task') continue;
      const { task, placeholder } = taskTarget(state);
      expect(
        task,
        `the function invoked by Task state "${name}" (${placeholder ? `\${${placeholder}}` : state.Resource}): use one of ${Object.keys(
          PLACEHOLDERS,
        )
          .map((p) => `\${${p}}`)
          .join(', ')}`,
      ).toBeDefined();
      used.add(task!);
    }
    for (const [placeholder, task] of Object.entries(PLACEHOLDERS))
      expect(used.has(task), `a Task state whose Resource is \${${placeholder}}`).toBe(true);
  });

  it('runs validate, charge and confirm in order and outputs the confirmed order', async () => {
    // Act
    const { run: result, story } = await run({ ...order }, approved);
    // Assess
    expect(result.status, `status of an execution for a valid order (run: ${story})`).toBe(
      'SUCCEEDED',
    );
    expect(result.calls, 'the task functions called, in order').toEqual([
      'validateOrder',
      'chargePayment',
      'confirmOrder',
    ]);
    expect(result.output, "the execution's output").toMatchObject({
      orderId: order.orderId,
      status: 'CONFIRMED',
    });
    expect(
      containsValue(result.output, 'ch_3PqR7'),
      `the charge id ch_3PqR7 in the execution's output (${JSON.stringify(result.output)})`,
    ).toBe(true);
  });
});

describe('3. Retry transient payment errors', () => {
  it('retries a PaymentError and completes when the provider recovers', async () => {
    const {
      definition,
      gateway,
      run: result,
      story,
    } = await run({ ...order }, unavailable, approved);
    expect(
      gateway.charge,
      `gateway.charge calls: one failure, then a retry (run: ${story})`,
    ).toHaveBeenCalledTimes(2);
    expect(result.status, `status after a retried PaymentError (run: ${story})`).toBe('SUCCEEDED');
    const chargeState = stateOf(definition, 'chargePayment');
    const retried = result.events.filter(
      (e) => e.type === 'StateRetried' && e.state?.name === chargeState,
    );
    expect(retried.length, `retries of "${chargeState}" recorded in the event log`).toBe(1);
    expect(result.output, "the execution's output after the retry").toMatchObject({
      status: 'CONFIRMED',
    });
  });

  it('backs off 2, 4 then 8 seconds between payment retries', async () => {
    const { definition, run: result, story } = await run({ ...order }, unavailable);
    const chargeState = stateOf(definition, 'chargePayment') ?? '(no ChargePayment task)';
    const waits = retryWaits(result, chargeState);
    expect(
      waits.length,
      `retries of "${chargeState}" while the provider is down (run: ${story})`,
    ).toBeGreaterThan(0);
    expect(
      waits.slice(0, 3),
      `seconds before retries 1–3 of "${chargeState}": IntervalSeconds × BackoffRate^(retry − 1)`,
    ).toEqual([2, 4, 8]);
  });

  it('stops after three retries (four charge attempts in all)', async () => {
    const { gateway, run: result, story } = await run({ ...order }, unavailable);
    expect(
      gateway.charge.mock.calls.length,
      `gateway.charge calls while the provider stays down: MaxAttempts counts retries, after the first attempt (run: ${story})`,
    ).toBe(4);
    expect(count(result, 'confirmOrder'), 'confirmOrder calls for an order never charged').toBe(0);
  });

  it('does not retry a declined card or an invalid order', async () => {
    const card = await run({ ...order }, declined);
    expect(
      card.gateway.charge,
      `gateway.charge calls for a declined card: retrying cannot help (run: ${card.story})`,
    ).toHaveBeenCalledTimes(1);
    expect(
      caughtInto(card.run),
      `a Catch that handled the CardDeclinedError (run: ${card.story})`,
    ).toBeDefined();
    const bad = await run({ ...order, amountCents: -5 }, approved);
    expect(
      count(bad.run, 'validateOrder'),
      `validateOrder calls for an invalid order: the same input fails the same way (run: ${bad.story})`,
    ).toBe(1);
    expect(count(bad.run, 'chargePayment'), 'chargePayment calls for an invalid order').toBe(0);
    expect(
      caughtInto(bad.run),
      `a Catch that handled the ValidationError (run: ${bad.story})`,
    ).toBeDefined();
    expect(
      [...card.run.events, ...bad.run.events].filter((e) => e.type === 'StateRetried').length,
      'retries recorded for a declined card and an invalid order',
    ).toBe(0);
  });
});

describe('4. Catch failures into a failure state', () => {
  it('sends an invalid order to the failure state, keeping the order and the error', async () => {
    const { run: result, story } = await run(
      { ...order, orderId: 'ord-2002', amountCents: -5 },
      approved,
    );
    expectCaught(result, story, 'ValidationError', 'ord-2002');
    expect(count(result, 'chargePayment'), 'chargePayment calls for an invalid order').toBe(0);
  });

  it('sends a payment that still fails after its retries to the failure state, keeping the order and the error', async () => {
    const { run: result, story } = await run({ ...order, orderId: 'ord-3003' }, unavailable);
    expectCaught(result, story, 'PaymentError', 'ord-3003');
    expect(count(result, 'confirmOrder'), 'confirmOrder calls for an order never charged').toBe(0);
    const declinedRun = await run({ ...order, orderId: 'ord-3004' }, declined);
    expectCaught(declinedRun.run, declinedRun.story, 'CardDeclinedError', 'ord-3004');
  });

  it('names the error in the failed execution', async () => {
    for (const [what, input, outcome] of [
      ['an invalid order', { ...order, amountCents: 0 }, approved],
      ['a payment that keeps failing', { ...order }, unavailable],
    ] as const) {
      const { run: result, story } = await run(input, outcome);
      const failed = result.events.find((e) => e.type === 'ExecutionFailed');
      expect(failed, `an ExecutionFailed event for ${what} (run: ${story})`).toBeDefined();
      expect(caughtInto(result), `a Catch that handled ${what} (run: ${story})`).toBeDefined();
      expect(
        typeof failed?.Error === 'string' &&
          failed.Error !== '' &&
          failed.Error !== 'FailStateError',
        `the execution's error for ${what}: give the Fail state an Error (or an ErrorPath to the caught error), got ${failed?.Error === 'FailStateError' ? 'none (the interpreter then reports "FailStateError")' : JSON.stringify(failed?.Error)}`,
      ).toBe(true);
    }
  });
});
