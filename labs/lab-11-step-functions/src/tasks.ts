/**
 * Lab 11 — Step Functions: the Lambda functions behind the order workflow's Task states.
 * Read labs/lab-11-step-functions/README.md first. Grade with: npm run grade lab-11
 *
 * A task reports failure by throwing. Step Functions matches the error's `name` against the
 * `ErrorEquals` lists of your Retry and Catch rules, so every kind of failure needs its own
 * error class with its own name.
 */
import { z } from 'zod';

// TODO(lab-11): task 1 — give each error class its own `name` ('ValidationError',
//   'PaymentError', 'CardDeclinedError'). As written, all three are named 'Error', and a Retry
//   or Catch on ["PaymentError"] would never match them. Write the name as a string literal.

/** The order is malformed. Permanent: retrying the same input fails the same way. */
export class ValidationError extends Error {}

/** The payment provider is down, slow or unreachable. Transient: worth retrying. */
export class PaymentError extends Error {}

/** The card was declined. Permanent: a retry would be declined again. */
export class CardDeclinedError extends Error {}

/** A valid order: see the README for the rules of each field. */
export interface Order {
  orderId: string;
  amountCents: number;
  currency: string;
  cardToken: string;
}
export type ChargedOrder = Order & { chargeId: string };
export interface ConfirmedOrder {
  orderId: string;
  chargeId: string;
  amountCents: number;
  currency: string;
  status: 'CONFIRMED';
}

export interface TaskDependencies {
  gateway: PaymentGateway;
}

export function createTasks({ gateway }: TaskDependencies) {
  return {
    /** ValidateOrder: the input of the execution, checked before anything is charged. */
    async validateOrder(input: unknown): Promise<Order> {
      // TODO(lab-11): task 1 — return the order when it is valid (zod is imported for you);
      //   otherwise throw a ValidationError whose message says what is wrong.
      throw new Error('TODO(lab-11): validateOrder is not implemented yet');
    },

    /** ChargePayment: charges once per order, however often Step Functions retries it. */
    async chargePayment(input: unknown): Promise<ChargedOrder> {
      // TODO(lab-11): task 1 — call gateway.charge({ idempotencyKey: orderId, amountCents,
      //   currency, cardToken }) and return { ...order, chargeId } when it is approved.
      //   'declined' → throw CardDeclinedError; 'unavailable', or a charge() that rejects
      //   (network error, timeout) → throw PaymentError.
      throw new Error('TODO(lab-11): chargePayment is not implemented yet');
    },

    /** ConfirmOrder: only a charged order can be confirmed. */
    async confirmOrder(input: unknown): Promise<ConfirmedOrder> {
      // TODO(lab-11): task 1 — return { orderId, chargeId, amountCents, currency,
      //   status: 'CONFIRMED' }; an input without a chargeId is a ValidationError.
      throw new Error('TODO(lab-11): confirmOrder is not implemented yet');
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
