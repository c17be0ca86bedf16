/**
 * Lab 13 — provided, not edited: what a payment request looks like, how to read one from an HTTP
 * API (payload format 2.0) event, and a stand-in for the card processor. Your work is in
 * src/idempotency.ts and src/handler.ts.
 *
 * Nothing to change in this file. Read it (parsePaymentRequest, json, ChargeFn),
 * then start with src/idempotency.ts.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** What the client asks for. `amount` is in minor units (cents): 1250 is 12.50. */
export interface PaymentRequest {
  orderId: string;
  amount: number;
  currency: string;
}

/** What the processor answers when it has charged the card. */
export interface Charge {
  paymentId: string;
  orderId: string;
  amount: number;
  currency: string;
  chargedAt: string;
}

/** Charges the card. Calling it twice for one request charges the customer twice. */
export type ChargeFn = (payment: PaymentRequest) => Promise<Charge>;

/**
 * The stand-in card processor. A real one would also take the idempotency key, so that a charge
 * retried after a crash is deduplicated on the processor's side too.
 */
export const chargeCard: ChargeFn = async (payment) => ({
  paymentId: `pay_${randomUUID()}`,
  orderId: payment.orderId,
  amount: payment.amount,
  currency: payment.currency,
  chargedAt: new Date().toISOString(),
});

export type ParsedRequest =
  | { ok: true; idempotencyKey: string | undefined; payment: PaymentRequest }
  | { ok: false; message: string };

function headerValue(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const entry = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === name);
  return entry?.[1];
}

/**
 * Reads the `Idempotency-Key` header (undefined when missing or blank) and the JSON body
 * `{ orderId, amount, currency }`. Anything else in the body is ignored, so `payment` holds exactly
 * the three fields, in this order.
 */
export function parsePaymentRequest(event: APIGatewayProxyEventV2): ParsedRequest {
  const key = headerValue(event ?? ({} as APIGatewayProxyEventV2), 'idempotency-key')?.trim();
  const idempotencyKey = key && key.length <= 255 ? key : undefined;
  let body: unknown;
  try {
    const text =
      typeof event?.body !== 'string'
        ? ''
        : event.isBase64Encoded
          ? Buffer.from(event.body, 'base64').toString('utf8')
          : event.body;
    body = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The body must be JSON: {"orderId", "amount", "currency"}.' };
  }
  const { orderId, amount, currency } = (body ?? {}) as Record<string, unknown>;
  if (typeof orderId !== 'string' || orderId.length === 0 || orderId.length > 100)
    return { ok: false, message: 'orderId must be a string of 1 to 100 characters.' };
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0)
    return { ok: false, message: 'amount must be a positive whole number of minor units (cents).' };
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
    return { ok: false, message: 'currency must be a three-letter ISO 4217 code, such as EUR.' };
  return { ok: true, idempotencyKey, payment: { orderId, amount, currency } };
}

/** A JSON response for API Gateway. */
export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}
