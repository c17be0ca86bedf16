/**
 * Lab 13 — Idempotency: the record store. Read labs/lab-13-idempotency/README.md first.
 * Grade with: npm run grade lab-13
 *
 * One DynamoDB item per idempotency key, in the table named by IDEMPOTENCY_TABLE (partition key
 * `pk`, a string). Its life: claimed IN_PROGRESS by a conditional write, then COMPLETED with the
 * response to replay, or deleted when the work fails; it expires by time.
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

/**
 * One item of the table. `pk` and `expiresAt` are fixed (the table's key and its TTL attribute);
 * the other attribute names are yours to choose.
 */
export interface IdempotencyRecord {
  pk: string;
  status: IdempotencyStatus;
  payloadHash: string;
  /** Epoch SECONDS: the table's TTL attribute, and the logical expiry your claim checks. */
  expiresAt: number;
  /** When an IN_PROGRESS claim stops being believable (choose the unit; name it). */
  inProgressUntilMs?: number;
  response?: StoredResponse;
}

export type Claim = { claimed: true } | { claimed: false; existing: IdempotencyRecord | undefined };

/** JSON with object keys sorted at every level: the same payload always gives the same text. */
export function canonicalJson(value: unknown): string {
  // TODO(lab-13): task 3 — arrays keep their order; objects list their keys sorted, at every
  //   level; everything else is JSON.stringify(value). So {"b":1,"a":2} and {"a":2,"b":1} give
  //   the same text.
  return JSON.stringify(value) ?? 'null';
}

/** A fingerprint of the payload, so a reused key with a different payload is caught. */
export function payloadHash(payload: unknown): string {
  // TODO(lab-13): task 3 — SHA-256 (createHash from node:crypto) of canonicalJson(payload), hex.
  return '';
}

export interface StoreOptions {
  client: DynamoDBClient;
  tableName: string;
  /** The clock, in epoch milliseconds (injectable, so tests can travel in time). */
  now: () => number;
}

export class IdempotencyStore {
  readonly doc: DynamoDBDocumentClient;

  constructor(readonly options: StoreOptions) {
    // The document client converts plain values to DynamoDB's { S: … } shapes for you. (Prefer
    // the low-level PutItemCommand & co.? Use options.client directly; both are fine.)
    this.doc = DynamoDBDocumentClient.from(options.client);
  }

  /**
   * Claims `key` with ONE conditional write: IN_PROGRESS, the payload hash, expiresAt (epoch
   * seconds, now + COMPLETED_TTL_SECONDS) and an in-progress expiry (now + inProgressMs).
   */
  async claim(key: string, hash: string, inProgressMs: number): Promise<Claim> {
    // TODO(lab-13): task 1 — PutCommand with a ConditionExpression that succeeds only when there
    //   is no live record: attribute_not_exists(pk) OR it has expired (task 5: expiresAt < now in
    //   SECONDS) OR it is an IN_PROGRESS claim whose in-progress expiry has passed (task 4).
    //   `status` is a DynamoDB reserved word: name it through ExpressionAttributeNames.
    // TODO(lab-13): task 1 — catch ConditionalCheckFailedException (and only that one) and
    //   return { claimed: false, existing }: with ReturnValuesOnConditionCheckFailure: 'ALL_OLD'
    //   the error's Item is the record that beat you (marshalled: unmarshall it); without it,
    //   read the record with a GetCommand and ConsistentRead: true. Any other error: rethrow.
    throw new Error('TODO(lab-13): claim the key with a conditional write');
  }

  /** Marks the claim COMPLETED with the response to replay, and restarts its expiry. */
  async complete(key: string, response: StoredResponse): Promise<void> {
    // TODO(lab-13): task 2 — UpdateCommand on { pk: key }: status COMPLETED, the response, and
    //   expiresAt = now in epoch seconds + COMPLETED_TTL_SECONDS (task 5).
    throw new Error('TODO(lab-13): store the completed response');
  }

  /** Deletes the claim so that a retry of a failed request can run it again. */
  async release(key: string): Promise<void> {
    // TODO(lab-13): task 4 — DeleteCommand on { pk: key }.
    throw new Error('TODO(lab-13): release the claim');
  }
}
