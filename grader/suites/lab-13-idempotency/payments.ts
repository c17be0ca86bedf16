/**
 * Helpers of the lab-13 suite: building payment requests, calling the learner's handler as
 * API Gateway would, and a card processor that counts (and can stall or fail) its charges.
 */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { expect } from 'vitest';
import { apiGatewayV2Event, lambdaContext } from '../../testkit/index.ts';

export interface PaymentRequest {
  orderId: string;
  amount: number;
  currency: string;
}
export interface Charge extends PaymentRequest {
  paymentId: string;
  chargedAt: string;
}
export interface Answer {
  statusCode: number;
  body: Record<string, unknown> | undefined;
  /** The handler threw (API Gateway answers 500 then). */
  threw?: string;
}
type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;
export interface LabModule {
  createHandler?: (deps: {
    charge: (p: PaymentRequest) => Promise<Charge>;
    now?: () => number;
  }) => Handler;
}

export const ORDER: PaymentRequest = { orderId: 'o-1001', amount: 1250, currency: 'EUR' };
/** Longest a delivery may take before the check gives up on it (a charge that never ends aside). */
export const DELIVERY_LIMIT_MS = 2000;

/** The learner's handler, built with the checks' card processor and the (fake) clock. */
export function handlerFrom(module: LabModule, processor: Processor): Handler {
  expect(typeof module.createHandler, 'src/handler.ts exports createHandler(deps)').toBe(
    'function',
  );
  const handler = module.createHandler!({ charge: processor.charge, now: () => Date.now() });
  expect(typeof handler, 'createHandler(deps) returns the handler function').toBe('function');
  return handler;
}

/** POST /payments as an HTTP API delivers it. `body` may be a string to send verbatim. */
export function paymentEvent(
  key: string | undefined,
  body: PaymentRequest | string = ORDER,
): APIGatewayProxyEventV2 {
  return apiGatewayV2Event({
    method: 'POST',
    path: '/payments',
    route: '/payments',
    headers: key === undefined ? {} : { 'Idempotency-Key': key },
    body,
  });
}

/** Delivers one request; a thrown error becomes a 500 (as API Gateway would answer). */
export async function deliver(handler: Handler, event: APIGatewayProxyEventV2): Promise<Answer> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = (await Promise.race([
      handler(event, lambdaContext({ timeoutMs: 30_000 })),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `a delivery did not finish within ${DELIVERY_LIMIT_MS / 1000} s: is it waiting for something that never happens (polling until the first delivery completes)?`,
              ),
            ),
          DELIVERY_LIMIT_MS,
        );
      }),
    ])) as { statusCode?: unknown; body?: unknown } | undefined;
    expect(typeof result?.statusCode, 'the handler returns { statusCode, body }').toBe('number');
    let body: Record<string, unknown> | undefined;
    try {
      body = typeof result!.body === 'string' ? JSON.parse(result!.body) : undefined;
    } catch {
      body = undefined;
    }
    return { statusCode: result!.statusCode as number, body };
  } catch (error) {
    if ((error as Error).message.startsWith('a delivery did not finish')) throw error;
    return { statusCode: 500, body: undefined, threw: String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Describes an answer for assertion messages. */
export function show(answer: Answer): string {
  return answer.threw
    ? `the handler threw ${answer.threw}`
    : `${answer.statusCode} ${JSON.stringify(answer.body)}`;
}

export interface Processor {
  charge: (payment: PaymentRequest) => Promise<Charge>;
  /** Every charge attempted, in order. */
  readonly attempts: PaymentRequest[];
  /** Resolves when `n` charges have been attempted. */
  attempted(n: number): Promise<void>;
}

/**
 * A card processor that counts its charges. `behaviour` decides each attempt (by its index):
 * return a promise to stall or fail it; by default every charge succeeds at once.
 */
export function processor(
  behaviour: (attempt: number, payment: PaymentRequest) => Promise<void> | void = () => undefined,
): Processor {
  const attempts: PaymentRequest[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  return {
    attempts,
    async charge(payment) {
      attempts.push(payment);
      for (const w of waiters.filter((w) => attempts.length >= w.n)) w.resolve();
      const index = attempts.length;
      await behaviour(index, payment);
      return {
        paymentId: `pay_${index}`,
        orderId: payment.orderId,
        amount: payment.amount,
        currency: payment.currency,
        chargedAt: new Date().toISOString(),
      };
    },
    attempted(n) {
      if (attempts.length >= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
  };
}

/** A promise and its resolve function, to hold a charge until the check lets it go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Resolves after `ms` of real time (the Date clock may be fake; timers are not). */
export function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
