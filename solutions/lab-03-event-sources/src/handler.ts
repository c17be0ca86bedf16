/**
 * Lab 03 reference solution: one entry point for seven event sources. It recognises each event
 * by its shape (Lambda does not say who invoked it), hands it to a handler written for that
 * source, and refuses anything else with a typed error.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';

/** Thrown for an event this function was not built for; its name is what alarms match on. */
export class UnrecognisedEventError extends Error {
  override readonly name = 'UnrecognisedEventError';

  constructor(what: string) {
    super(
      `Unrecognised event: ${what}. This function handles API Gateway (REST and HTTP API), ` +
        'SQS, S3, SNS, scheduled EventBridge and DynamoDB Streams events.',
    );
  }
}

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
  /** When the run was scheduled for (the event's `time`), not when it happened to start. */
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

type Source = 'api-v1' | 'api-v2' | 'sqs' | 's3' | 'sns' | 'schedule' | 'dynamodb';
type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

// #region detect
/**
 * Which service sent `event`, read from the shape each service documents. Order matters: an
 * HTTP API (2.0) event also has a requestContext, so it is tested before REST (1.0); SNS
 * records spell their source `EventSource`, with a capital E, unlike SQS, S3 and DynamoDB.
 * One invocation's records always come from one event source mapping, so the first record
 * speaks for the batch.
 */
function detect(event: unknown): Source | undefined {
  if (!isObject(event)) return undefined;
  if (Array.isArray(event.Records)) {
    const first: unknown = event.Records[0];
    if (!isObject(first)) return undefined;
    if (first.eventSource === 'aws:sqs') return 'sqs';
    if (first.eventSource === 'aws:s3') return 's3';
    if (first.eventSource === 'aws:dynamodb') return 'dynamodb';
    if (first.EventSource === 'aws:sns') return 'sns';
    return undefined;
  }
  // Only scheduled rules: another EventBridge event (a custom detail-type) is not ours.
  if (event['detail-type'] === 'Scheduled Event' && event.source === 'aws.events')
    return 'schedule';
  const requestContext = event.requestContext;
  if (event.version === '2.0' && isObject(requestContext) && isObject(requestContext.http))
    return 'api-v2';
  if (typeof event.httpMethod === 'string' && isObject(requestContext)) return 'api-v1';
  return undefined;
}
// #endregion detect

function describeEvent(event: unknown): string {
  if (!isObject(event)) return `a ${event === null ? 'null' : typeof event} instead of an object`;
  if (Array.isArray(event.Records)) {
    const first: unknown = event.Records[0];
    if (first === undefined) return 'an empty Records batch';
    const source = isObject(first) ? (first.eventSource ?? first.EventSource) : undefined;
    return `records from ${typeof source === 'string' ? source : 'an unknown source'}`;
  }
  const keys = Object.keys(event).slice(0, 6);
  return `an object with keys [${keys.join(', ')}]`;
}

function apiResponse(body: Json): APIGatewayProxyResult {
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

function handleApiV1(event: Json): APIGatewayProxyResult {
  return apiResponse({ source: 'api-v1', method: text(event.httpMethod), path: text(event.path) });
}

function handleApiV2(event: Json): APIGatewayProxyResult {
  // 2.0 has no httpMethod or path: the method lives in requestContext.http, the path in rawPath.
  const http = (event.requestContext as { http: Json }).http;
  return apiResponse({ source: 'api-v2', method: text(http.method), path: text(event.rawPath) });
}

function records(event: Json): Json[] {
  return (event.Records as unknown[]).map((r) => (isObject(r) ? r : {}));
}

function handleSqs(event: Json): SqsResult {
  // Built fresh on every invocation: a module-scope list would mix one batch into the next.
  const result: SqsResult = { source: 'sqs', messages: [], batchItemFailures: [] };
  for (const record of records(event)) {
    const messageId = text(record.messageId);
    try {
      result.messages.push({ messageId, body: JSON.parse(text(record.body)) });
    } catch {
      // One bad message must not fail the batch: report it, and only it is delivered again
      // (then to the dead-letter queue once maxReceiveCount is reached).
      result.batchItemFailures.push({ itemIdentifier: messageId });
    }
  }
  return result;
}

// #region s3-key
/**
 * S3 writes keys into notifications form-encoded: a space arrives as `+`, a literal `+` as
 * `%2B`, and other bytes as %XX escapes. Turn the pluses back into spaces *before* decoding,
 * or a decoded %2B would become a space too.
 */
export function decodeS3Key(key: string): string {
  const spaced = key.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // S3 never sends a malformed escape; if something else did, keep what we can read.
    return spaced;
  }
}
// #endregion s3-key

function handleS3(event: Json): S3Result {
  return {
    source: 's3',
    objects: records(event).map((record) => {
      const s3 = isObject(record.s3) ? record.s3 : {};
      const bucket = isObject(s3.bucket) ? s3.bucket : {};
      const object = isObject(s3.object) ? s3.object : {};
      return {
        bucket: text(bucket.name),
        key: decodeS3Key(text(object.key)),
        size: typeof object.size === 'number' ? object.size : 0,
        eventName: text(record.eventName),
      };
    }),
  };
}

function handleSns(event: Json): SnsResult {
  return {
    source: 'sns',
    notifications: records(event).map((record) => {
      const sns = isObject(record.Sns) ? record.Sns : {};
      return {
        messageId: text(sns.MessageId),
        topicArn: text(sns.TopicArn),
        subject: typeof sns.Subject === 'string' ? sns.Subject : null,
        message: text(sns.Message),
      };
    }),
  };
}

function handleSchedule(event: Json): ScheduleResult {
  const arn = Array.isArray(event.resources) ? text(event.resources[0]) : '';
  // arn:aws:events:<region>:<account>:rule/[<bus>/]<name>: the name is the last segment.
  return { source: 'schedule', rule: arn.split('/').pop() ?? '', time: text(event.time) };
}

// #region dynamodb
function image(value: unknown, where: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  try {
    // The stream sends DynamoDB JSON ({"N": "42"}, {"S": "…"}); unmarshall turns it into plain
    // values (42, "…"), including nested maps, lists and sets.
    return unmarshall(value as Record<string, AttributeValue>);
  } catch {
    throw new UnrecognisedEventError(
      `a DynamoDB stream record whose ${where} is not DynamoDB JSON`,
    );
  }
}

function handleDynamoDb(event: Json): DynamoDbResult {
  return {
    source: 'dynamodb',
    changes: records(event).map((record, index): StreamChange => {
      const eventName = record.eventName;
      if (eventName !== 'INSERT' && eventName !== 'MODIFY' && eventName !== 'REMOVE')
        throw new UnrecognisedEventError(`a DynamoDB stream record ${index} without an eventName`);
      const data = isObject(record.dynamodb) ? record.dynamodb : {};
      // eventName says what happened; the images only say what the stream view includes. An
      // INSERT has only a NewImage, a REMOVE only an OldImage, a MODIFY both (with
      // NEW_AND_OLD_IMAGES); so unmarshall each image only when it is there.
      const change: StreamChange = { eventName, keys: image(data.Keys, 'Keys') ?? {} };
      const newImage = image(data.NewImage, 'NewImage');
      const oldImage = image(data.OldImage, 'OldImage');
      if (newImage) change.newImage = newImage;
      if (oldImage) change.oldImage = oldImage;
      return change;
    }),
  };
}
// #endregion dynamodb

// #region dispatch
export const handler = async (event: unknown, _context?: Context): Promise<DispatchResult> => {
  const source = detect(event);
  // detect() has checked the shape each handler relies on, so the casts below are safe.
  const e = event as Json;
  switch (source) {
    case 'api-v1':
      return handleApiV1(e);
    case 'api-v2':
      return handleApiV2(e);
    case 'sqs':
      return handleSqs(e);
    case 's3':
      return handleS3(e);
    case 'sns':
      return handleSns(e);
    case 'schedule':
      return handleSchedule(e);
    case 'dynamodb':
      return handleDynamoDb(e);
    default:
      // Fail loudly with a name you can alarm on, rather than guess: for an asynchronous
      // invocation the event then goes to the on-failure destination, where you can see it.
      throw new UnrecognisedEventError(describeEvent(event));
  }
};
// #endregion dispatch
