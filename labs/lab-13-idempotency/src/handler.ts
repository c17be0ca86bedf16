/**
 * Lab 13 — Idempotency: POST /payments. Read labs/lab-13-idempotency/README.md first.
 * Grade with: npm run grade lab-13
 *
 * Clients send an `Idempotency-Key` header (one UUID per payment, reused on every retry) and a
 * JSON body { orderId, amount, currency }. However often a request arrives (a timeout and a
 * retry, a double click, two concurrent deliveries), the card must be charged once.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { IdempotencyStore, payloadHash, type StoredResponse } from './idempotency.ts';
import { type ChargeFn, chargeCard, json, parsePaymentRequest } from './payments.ts';

export interface Dependencies {
  /** The card processor: call it at most once per idempotency key while its record lives. */
  charge: ChargeFn;
  /** The clock in epoch milliseconds (default Date.now). Use it for every time you compute. */
  now?: () => number;
}

export type PaymentHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

// Read at init, once per execution environment. DYNAMODB_ENDPOINT points the client at a local
// DynamoDB when grading (and is unset in AWS): keep passing it to the client.
const tableName = process.env.IDEMPOTENCY_TABLE ?? 'payments-idempotency';
const client = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT || undefined });

/**
 * The checks call createHandler with their own card processor and clock; Lambda calls `handler`
 * below. Keep this signature.
 */
export function createHandler(deps: Dependencies): PaymentHandler {
  const now = deps.now ?? Date.now;
  const store = new IdempotencyStore({ client, tableName, now });

  return async (event, context) => {
    const request = parsePaymentRequest(event);
    if (!request.ok) return json(400, { error: 'InvalidRequest', message: request.message });
    // TODO(lab-13): task 1 — no Idempotency-Key (request.idempotencyKey undefined) → 400
    //   { error: 'IdempotencyKeyMissing' }.
    // TODO(lab-13): task 1 — claim the key: store.claim(key, payloadHash(request.payment),
    //   context.getRemainingTimeInMillis()) — before anything is charged.
    // TODO(lab-13): when the claim fails, decide from the existing record:
    //   task 3 — another payload hash → 422 { error: 'IdempotencyKeyMismatch' };
    //   task 2 — COMPLETED → the stored response, as it was (status and body);
    //   task 1 — IN_PROGRESS (or gone) → 409 { error: 'IdempotencyRequestInProgress' }.
    // TODO(lab-13): task 4 — charge with deps.charge(request.payment). If it throws: release the
    //   claim, then answer 502 { error: 'PaymentFailed' }.
    // TODO(lab-13): task 2 — on success: response = json(201, charge); store.complete(key,
    //   { statusCode, body }) and return the response.
    return json(501, { error: 'NotImplemented', message: 'TODO(lab-13)' });
  };
}

export const handler = createHandler({ charge: chargeCard });
