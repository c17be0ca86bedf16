/**
 * Lab 13 reference solution: POST /payments, made idempotent with an `Idempotency-Key` header and
 * a DynamoDB record per key. A retried, duplicated or concurrent request charges the card once.
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
  /** The card processor: called at most once per idempotency key while its record lives. */
  charge: ChargeFn;
  /** The clock in epoch milliseconds (default Date.now). */
  now?: () => number;
}

export type PaymentHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

// Every payment touches the table, so the client is created at init, once per environment.
// DYNAMODB_ENDPOINT points it at a local DynamoDB in tests; unset in AWS, the SDK picks the
// regional endpoint.
const tableName = process.env.IDEMPOTENCY_TABLE ?? 'payments-idempotency';
const client = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT || undefined });

function replay(response: StoredResponse): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: response.statusCode,
    headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
    body: response.body,
  };
}

export function createHandler(deps: Dependencies): PaymentHandler {
  const now = deps.now ?? Date.now;
  const store = new IdempotencyStore({ client, tableName, now });

  // #region flow
  return async (event, context) => {
    const request = parsePaymentRequest(event);
    if (!request.ok) return json(400, { error: 'InvalidRequest', message: request.message });
    const key = request.idempotencyKey;
    if (key === undefined)
      return json(400, {
        error: 'IdempotencyKeyMissing',
        message: 'Send an Idempotency-Key header: one new UUID per payment, reused on every retry.',
      });

    const hash = payloadHash(request.payment);
    // The claim lapses when this invocation could no longer be running, so a crash or a timeout
    // never blocks the key for the whole retention period.
    const claim = await store.claim(key, hash, context.getRemainingTimeInMillis());
    if (!claim.claimed) {
      const existing = claim.existing;
      if (existing && existing.payloadHash !== hash)
        return json(422, {
          error: 'IdempotencyKeyMismatch',
          message: 'This Idempotency-Key was used with a different payment.',
        });
      if (existing?.status === 'COMPLETED' && existing.response) return replay(existing.response);
      // IN_PROGRESS (or gone since the write failed): the first delivery has not finished.
      return json(409, {
        error: 'IdempotencyRequestInProgress',
        message: 'A request with this Idempotency-Key is still being processed; retry later.',
      });
    }

    let response: APIGatewayProxyStructuredResultV2;
    try {
      response = json(201, await deps.charge(request.payment));
    } catch (error) {
      // Nothing was charged: release the key so the client's retry can run the payment again.
      await store.release(key);
      console.error(
        JSON.stringify({ level: 'ERROR', message: 'charge failed', error: String(error) }),
      );
      return json(502, { error: 'PaymentFailed', message: 'The card processor failed; retry.' });
    }
    await store.complete(key, { statusCode: response.statusCode!, body: response.body! });
    return response;
  };
  // #endregion flow
}

export const handler = createHandler({ charge: chargeCard });
