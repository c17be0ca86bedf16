/**
 * Lab 03 — One function, many event sources. Read labs/lab-03-event-sources/README.md first.
 * Grade your work with: npm run grade lab-03
 *
 * Lambda never tells your handler who invoked it: the event's shape is all you get. Look at
 * the sample events in the README (or at @types/aws-lambda) to see what each service sends.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';

/** Throw this for an event the function was not built for. (It is ready: no need to edit it.) */
export class UnrecognisedEventError extends Error {
  override readonly name = 'UnrecognisedEventError';

  constructor(what: string) {
    super(`Unrecognised event: ${what}`);
  }
}

// ——— What the handler returns for each source (the grader reads these fields) ———

export interface SqsResult {
  source: 'sqs';
  /** The messages whose body was JSON, parsed, in batch order. */
  messages: { messageId: string; body: unknown }[];
  /** The messages to try again (ReportBatchItemFailures); empty when all went well. */
  batchItemFailures: { itemIdentifier: string }[];
}

export interface S3Result {
  source: 's3';
  objects: { bucket: string; key: string; size: number; eventName: string }[];
}

export interface SnsResult {
  source: 'sns';
  notifications: { messageId: string; topicArn: string; subject: string | null; message: string }[];
}

export interface ScheduleResult {
  source: 'schedule';
  /** The rule's name, from the ARN in `resources`. */
  rule: string;
  /** When the run was scheduled for (the event's `time`). */
  time: string;
}

export interface StreamChange {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  keys: Record<string, unknown>;
  newImage?: Record<string, unknown>;
  oldImage?: Record<string, unknown>;
}

export interface DynamoDbResult {
  source: 'dynamodb';
  changes: StreamChange[];
}

/** API Gateway events get a proxy response (API Gateway needs one); the others a summary. */
export type DispatchResult =
  | APIGatewayProxyResult
  | SqsResult
  | S3Result
  | SnsResult
  | ScheduleResult
  | DynamoDbResult;

/** A small helper: narrows an unknown value to an object whose fields you can read. */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns a key from an S3 notification back into the object's real key.
 * TODO(lab-03): task 2 — S3 form-encodes keys: a space arrives as "+", a literal "+" as "%2B",
 * other characters as %XX escapes. Which do you undo first?
 */
export function decodeS3Key(key: string): string {
  return key;
}

// TODO(lab-03): task 3 — DynamoDB stream images arrive as DynamoDB JSON ({"N": "42"}). Use
// unmarshall (imported above) to turn an image into plain values; the image types of
// @types/aws-lambda need a cast: `image as Record<string, AttributeValue>`.

export const handler = async (event: unknown, context?: Context): Promise<DispatchResult> => {
  // TODO(lab-03): task 1 — recognise the source from the event's shape, then call a handler
  //   written for it:
  //   - API Gateway REST (1.0): httpMethod and requestContext → a 200 proxy response whose JSON
  //     body is {"source": "api-v1", "method", "path"}
  //   - API Gateway HTTP API (2.0): version "2.0" and requestContext.http → "api-v2"
  //   - Records[0].eventSource "aws:sqs" / "aws:s3" / "aws:dynamodb"; SNS records say
  //     EventSource (capital E) "aws:sns"
  //   - a scheduled EventBridge event: detail-type "Scheduled Event", source "aws.events"
  // TODO(lab-03): task 2 — read every record of a batch (not just the first): SQS bodies parsed
  //   (a body that is not JSON goes to batchItemFailures), S3 keys decoded, SNS messages.
  // TODO(lab-03): task 4 — anything else: throw new UnrecognisedEventError(…), never a TypeError.
  throw new Error('TODO(lab-03): the dispatcher is not written yet (see src/handler.ts)');
};
