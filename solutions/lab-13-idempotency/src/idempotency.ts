/**
 * Lab 13 reference solution: the idempotency record store. One DynamoDB item per idempotency key,
 * claimed with a conditional write, completed with the response to replay, released on failure,
 * and expired by time (DynamoDB TTL deletes it later, lazily).
 */
import { createHash } from 'node:crypto';
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** How long a completed result is replayed: longer than any client keeps retrying. */
export const COMPLETED_TTL_SECONDS = 24 * 60 * 60;

export type IdempotencyStatus = 'IN_PROGRESS' | 'COMPLETED';

/** The response the first delivery produced, kept to answer every replay identically. */
export interface StoredResponse {
  statusCode: number;
  body: string;
}

/** One item of the table (partition key `pk`). */
export interface IdempotencyRecord {
  pk: string;
  status: IdempotencyStatus;
  payloadHash: string;
  /** Epoch SECONDS: the table's TTL attribute, and the logical expiry checked on every claim. */
  expiresAt: number;
  /** Epoch milliseconds: after this, an IN_PROGRESS claim is presumed dead and can be taken over. */
  inProgressUntilMs?: number;
  response?: StoredResponse;
}

export type Claim = { claimed: true } | { claimed: false; existing: IdempotencyRecord | undefined };

// #region hash
/** JSON with object keys sorted at every level: the same payload always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A fingerprint of the payload, so a reused key with a different payload is caught. */
export function payloadHash(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}
// #endregion hash

export interface StoreOptions {
  client: DynamoDBClient;
  tableName: string;
  /** The clock, in epoch milliseconds (injectable, so tests can travel in time). */
  now: () => number;
}

export class IdempotencyStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(private readonly options: StoreOptions) {
    this.doc = DynamoDBDocumentClient.from(options.client);
  }

  // #region claim
  /**
   * Claims `key` for this invocation with one conditional write: it succeeds only if there is no
   * live record. Exactly one of several concurrent callers can win; the others get the record
   * that beat them.
   */
  async claim(key: string, hash: string, inProgressMs: number): Promise<Claim> {
    const nowMs = this.options.now();
    const nowSec = Math.floor(nowMs / 1000);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: {
            pk: key,
            status: 'IN_PROGRESS',
            payloadHash: hash,
            expiresAt: nowSec + COMPLETED_TTL_SECONDS,
            inProgressUntilMs: nowMs + inProgressMs,
          } satisfies IdempotencyRecord,
          // TTL deletion is lazy (typically within a few days), so an expired record may still
          // be there: the condition treats it as absent. A claim whose owner died (its
          // in-progress window passed) can be taken over.
          ConditionExpression:
            'attribute_not_exists(pk) OR expiresAt < :nowSec OR (#status = :inProgress AND inProgressUntilMs < :nowMs)',
          ExpressionAttributeNames: { '#status': 'status' }, // STATUS is a reserved word
          ExpressionAttributeValues: {
            ':nowSec': nowSec,
            ':nowMs': nowMs,
            ':inProgress': 'IN_PROGRESS',
          },
          // On failure DynamoDB returns the item that beat us, at no extra read.
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { claimed: true };
    } catch (error) {
      // Only a failed condition means "someone else has this key". Throttling, a missing table or
      // a network error is a failure of this invocation: let it surface (fail closed).
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const returned = (error as { Item?: Record<string, AttributeValue> }).Item;
      const existing = returned
        ? (unmarshall(returned) as IdempotencyRecord)
        : await this.read(key);
      return { claimed: false, existing };
    }
  }
  // #endregion claim

  /** A strongly consistent read, for when the failed write did not return the item. */
  private async read(key: string): Promise<IdempotencyRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.options.tableName, Key: { pk: key }, ConsistentRead: true }),
    );
    return Item as IdempotencyRecord | undefined;
  }

  /** Marks the claim COMPLETED with the response to replay, and restarts its expiry. */
  async complete(key: string, response: StoredResponse): Promise<void> {
    const expiresAt = Math.floor(this.options.now() / 1000) + COMPLETED_TTL_SECONDS;
    await this.doc.send(
      new UpdateCommand({
        TableName: this.options.tableName,
        Key: { pk: key },
        UpdateExpression:
          'SET #status = :completed, #response = :response, expiresAt = :expiresAt REMOVE inProgressUntilMs',
        ExpressionAttributeNames: { '#status': 'status', '#response': 'response' },
        ExpressionAttributeValues: {
          ':completed': 'COMPLETED',
          ':response': response,
          ':expiresAt': expiresAt,
        },
      }),
    );
  }

  /** Deletes the claim so that a retry of a failed request can run it again. */
  async release(key: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.options.tableName, Key: { pk: key } }));
  }
}
