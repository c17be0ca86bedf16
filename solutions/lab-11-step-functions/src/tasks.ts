/**
 * Lab 11 reference solution: the Lambda functions behind the order workflow's Task states.
 *
 * A task reports failure by throwing. Lambda reports the error's `name` as its type, and the
 * state machine's Retry and Catch rules match that name in `ErrorEquals`. So each kind of
 * failure gets its own error class with its own name, and the names say what the workflow
 * should do: retry (PaymentError), or give up at once (ValidationError, CardDeclinedError).
 */
// zod/mini: the same validation as `zod` with a tree-shakable, functional API, so the bundle
// carries ~20 KB of validator instead of ~440 KB (bundle size is cold-start time). Only the
// English messages are loaded. `import { z } from 'zod'` is just as correct, only heavier.
import { en } from 'zod/locales';
import * as z from 'zod/mini';

// #region errors
// The name is a string literal, not this.constructor.name: bundlers that minify rename
// classes, and the state machine would then see "e" instead of "PaymentError".

/** The order is malformed. Permanent: retrying the same input fails the same way. */
export class ValidationError extends Error {
  override name = 'ValidationError';
}

/** The payment provider is down, slow or unreachable. Transient: worth retrying. */
export class PaymentError extends Error {
  override name = 'PaymentError';
}

/** The card was declined. Permanent: a retry would be declined again. */
export class CardDeclinedError extends Error {
  override name = 'CardDeclinedError';
}
// #endregion errors

z.config(en());

const OrderSchema = z.object({
  orderId: z.string().check(z.minLength(1)),
  amountCents: z.int().check(z.positive()),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as EUR')),
  cardToken: z.string().check(z.minLength(1)),
});

export type Order = z.infer<typeof OrderSchema>;
export type ChargedOrder = Order & { chargeId: string };
export interface ConfirmedOrder {
  orderId: string;
  chargeId: string;
  amountCents: number;
  currency: string;
  status: 'CONFIRMED';
}

function parse<T>(schema: z.ZodMiniType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(`${what}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export interface TaskDependencies {
  gateway: PaymentGateway;
}

export function createTasks({ gateway }: TaskDependencies) {
  return {
    /** ValidateOrder: the input of the execution, checked before anything is charged. */
    async validateOrder(input: unknown): Promise<Order> {
      return parse(OrderSchema, input, 'the order is invalid');
    },

    // #region charge
    /** ChargePayment: charges once per order, however often Step Functions retries it. */
    async chargePayment(input: unknown): Promise<ChargedOrder> {
      const order = parse(OrderSchema, input, 'ChargePayment received an invalid order');
      let outcome: Awaited<ReturnType<PaymentGateway['charge']>>;
      try {
        outcome = await gateway.charge({
          // The order id as idempotency key: a retry after a timeout must not charge twice.
          idempotencyKey: order.orderId,
          amountCents: order.amountCents,
          currency: order.currency,
          cardToken: order.cardToken,
        });
      } catch (error) {
        // A network error is a TypeError or an AbortError by name; Retry would never match
        // it. Translate it into the transient error the workflow retries.
        throw new PaymentError(
          `the payment provider could not be reached: ${(error as Error)?.message ?? error}`,
          { cause: error },
        );
      }
      switch (outcome.status) {
        case 'approved':
          return { ...order, chargeId: outcome.chargeId };
        case 'declined':
          throw new CardDeclinedError(`card declined for ${order.orderId}: ${outcome.reason}`);
        default:
          throw new PaymentError(`the payment provider is unavailable: ${outcome.reason}`);
      }
    },
    // #endregion charge

    /** ConfirmOrder: only a charged order can be confirmed. */
    async confirmOrder(input: unknown): Promise<ConfirmedOrder> {
      const order = parse(
        z.extend(OrderSchema, { chargeId: z.string().check(z.minLength(1)) }),
        input,
        'ConfirmOrder needs a charged order',
      );
      return {
        orderId: order.orderId,
        chargeId: order.chargeId,
        amountCents: order.amountCents,
        currency: order.currency,
        status: 'CONFIRMED',
      };
    },
  };
}

// The deployed functions (Handler: tasks.validateOrder, tasks.chargePayment, …). The gateway
// is created once per execution environment, at init.
const tasks = createTasks({ gateway: httpPaymentGateway(process.env.PAYMENT_API_URL ?? '') });
export const { validateOrder, chargePayment, confirmOrder } = tasks;

// ---------------------------------------------------------------------------------------------
// The payment provider behind ChargePayment (given: you do not need to change it). The grader
// passes createTasks a fake gateway whose answers it scripts.
// ---------------------------------------------------------------------------------------------

export interface ChargeRequest {
  /** The provider charges at most once per key, however often the task is retried. */
  idempotencyKey: string;
  amountCents: number;
  currency: string;
  cardToken: string;
}

/**
 * What the provider answered. `charge` resolves with one of these, or rejects when the
 * provider could not be reached at all (a network error, a timeout).
 */
export type ChargeOutcome =
  | { status: 'approved'; chargeId: string }
  | { status: 'declined'; reason: string }
  | { status: 'unavailable'; reason: string };

export interface PaymentGateway {
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
}

/**
 * The deployed gateway: `POST {baseUrl}/charges` with an `Idempotency-Key` header.
 * 2xx → approved (`{ "id": … }` in the body), 402 → declined, 429 and 5xx → unavailable.
 * Other answers are a bug in the request and throw.
 */
export function httpPaymentGateway(baseUrl: string, timeoutMs = 5000): PaymentGateway {
  return {
    async charge(request) {
      if (!baseUrl) throw new Error('PAYMENT_API_URL is not set');
      const response = await fetch(new URL('charges', baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': request.idempotencyKey },
        body: JSON.stringify({
          amount: request.amountCents,
          currency: request.currency,
          source: request.cardToken,
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.ok) {
        const body = (await response.json()) as { id?: unknown };
        return { status: 'approved', chargeId: String(body.id) };
      }
      if (response.status === 402) return { status: 'declined', reason: await response.text() };
      if (response.status === 429 || response.status >= 500)
        return { status: 'unavailable', reason: `HTTP ${response.status}` };
      throw new Error(`the payment provider refused the request: HTTP ${response.status}`);
    },
  };
}
