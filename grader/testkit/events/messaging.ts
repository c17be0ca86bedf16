/**
 * Events from AWS's messaging and storage services, shaped as Lambda receives them: SQS
 * (standard and FIFO), S3 notifications (keys URL-encoded as S3 sends them), SNS,
 * EventBridge (scheduled and custom) and DynamoDB Streams (attribute values marshalled).
 */
import { createHash } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import type {
  DynamoDBRecord,
  DynamoDBStreamEvent,
  EventBridgeEvent,
  S3Event,
  S3EventRecord,
  ScheduledEvent,
  SNSEvent,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';
import { nextId } from './ids.ts';

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const BASE_TIME = Date.UTC(2026, 10, 2, 9, 30, 0);

export interface SqsMessageSpec {
  /** A string body as sent, or an object to send as JSON. */
  body: string | object;
  messageId?: string;
  receiveCount?: number;
  /** FIFO queues only: the message group. Marks the record (and the queue ARN) as FIFO. */
  groupId?: string;
  deduplicationId?: string;
  messageAttributes?: Record<string, string>;
}

export interface SqsEventOptions {
  queueName?: string;
}

/** An SQS batch. A `groupId` on any message makes it a FIFO queue (`.fifo` ARN, sequence numbers). */
export function sqsEvent(messages: SqsMessageSpec[], options: SqsEventOptions = {}): SQSEvent {
  const fifo = messages.some((m) => m.groupId !== undefined);
  const queueName = options.queueName ?? (fifo ? 'orders.fifo' : 'orders');
  return {
    Records: messages.map((m, index): SQSRecord => {
      const body = typeof m.body === 'string' ? m.body : JSON.stringify(m.body);
      const sent = String(BASE_TIME + index);
      const attributes: SQSRecord['attributes'] = {
        ApproximateReceiveCount: String(m.receiveCount ?? 1),
        SentTimestamp: sent,
        SenderId: 'AIDAEXAMPLESENDER1234',
        ApproximateFirstReceiveTimestamp: sent,
      };
      if (fifo) {
        attributes.SequenceNumber = String(18849496460467696128n + BigInt(index));
        attributes.MessageGroupId = m.groupId ?? 'default';
        attributes.MessageDeduplicationId =
          m.deduplicationId ?? createHash('sha256').update(body).digest('hex');
      }
      return {
        messageId: m.messageId ?? nextId('sqs-message'),
        receiptHandle: `AQEB${createHash('sha1').update(`${index}:${body}`).digest('base64')}`,
        body,
        attributes,
        messageAttributes: Object.fromEntries(
          Object.entries(m.messageAttributes ?? {}).map(([k, v]) => [
            k,
            { stringValue: v, stringListValues: [], binaryListValues: [], dataType: 'String' },
          ]),
        ),
        md5OfBody: createHash('md5').update(body).digest('hex'),
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:${queueName}`,
        awsRegion: REGION,
      };
    }),
  };
}

/**
 * How S3 writes an object key into a notification: URL form encoding, so a space becomes `+`
 * and a literal `+` becomes `%2B`; `/` stays as it is.
 */
export function encodeS3Key(key: string): string {
  return key
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/%20/g, '+'))
    .join('/');
}

export interface S3ObjectSpec {
  /** The key as stored (decoded); the event carries it encoded as S3 does. */
  key: string;
  bucket?: string;
  size?: number;
  eventName?: string;
  eTag?: string;
}

export function s3Event(objects: S3ObjectSpec[]): S3Event {
  return {
    Records: objects.map((o, index): S3EventRecord => {
      const bucket = o.bucket ?? 'course-uploads';
      return {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: REGION,
        eventTime: new Date(BASE_TIME + index).toISOString(),
        eventName: o.eventName ?? 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AIDAEXAMPLEUPLOADER' },
        requestParameters: { sourceIPAddress: '198.51.100.7' },
        responseElements: {
          'x-amz-request-id': nextId('s3-request').replace(/-/g, '').slice(0, 16).toUpperCase(),
          'x-amz-id-2': createHash('sha256').update(o.key).digest('base64'),
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'on-upload',
          bucket: {
            name: bucket,
            ownerIdentity: { principalId: 'A3EXAMPLEOWNER' },
            arn: `arn:aws:s3:::${bucket}`,
          },
          object: {
            key: encodeS3Key(o.key),
            size: o.size ?? 1024,
            eTag: o.eTag ?? createHash('md5').update(o.key).digest('hex'),
            sequencer: (0x0a1b2c3d4e5f6789n + BigInt(index)).toString(16).toUpperCase(),
          },
        },
      };
    }),
  };
}

export interface SnsMessageSpec {
  message: string | object;
  subject?: string;
  topic?: string;
  attributes?: Record<string, string>;
}

export function snsEvent(messages: SnsMessageSpec[]): SNSEvent {
  return {
    Records: messages.map((m, index) => {
      const topic = `arn:aws:sns:${REGION}:${ACCOUNT}:${m.topic ?? 'order-events'}`;
      return {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topic}:${nextId('subscription')}`,
        Sns: {
          Type: 'Notification',
          MessageId: nextId('sns-message'),
          TopicArn: topic,
          Subject: m.subject ?? '',
          Message: typeof m.message === 'string' ? m.message : JSON.stringify(m.message),
          Timestamp: new Date(BASE_TIME + index).toISOString(),
          SignatureVersion: '1',
          Signature: 'EXAMPLEpH+signature==',
          SigningCertUrl: `https://sns.${REGION}.amazonaws.com/SimpleNotificationService-example.pem`,
          UnsubscribeUrl: `https://sns.${REGION}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topic}`,
          MessageAttributes: Object.fromEntries(
            Object.entries(m.attributes ?? {}).map(([k, v]) => [k, { Type: 'String', Value: v }]),
          ),
        },
      };
    }),
  };
}

/** The event an EventBridge Scheduler / scheduled rule sends. */
export function scheduledEvent(options: { rule?: string; time?: string } = {}): ScheduledEvent {
  return {
    version: '0',
    id: nextId('scheduled'),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: ACCOUNT,
    time: options.time ?? '2026-11-02T09:30:00Z',
    region: REGION,
    resources: [`arn:aws:events:${REGION}:${ACCOUNT}:rule/${options.rule ?? 'nightly-report'}`],
    detail: {},
  };
}

/** A custom EventBridge event as a rule target receives it. */
export function eventBridgeEvent<TType extends string, TDetail>(
  detailType: TType,
  detail: TDetail,
  options: { source?: string; time?: string; bus?: string } = {},
): EventBridgeEvent<TType, TDetail> {
  return {
    version: '0',
    id: nextId('eventbridge'),
    'detail-type': detailType,
    source: options.source ?? 'com.example.orders',
    account: ACCOUNT,
    time: options.time ?? '2026-11-02T09:30:00Z',
    region: REGION,
    resources: [],
    detail,
  };
}

export interface StreamRecordSpec {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** The item's key attributes, as plain values. */
  keys: Record<string, unknown>;
  /** Plain objects; they are marshalled to DynamoDB attribute values. */
  newImage?: Record<string, unknown>;
  oldImage?: Record<string, unknown>;
  table?: string;
}

/** A DynamoDB Streams batch (NEW_AND_OLD_IMAGES). Images are marshalled as the stream sends them. */
export function dynamoDbStreamEvent(records: StreamRecordSpec[]): DynamoDBStreamEvent {
  return {
    Records: records.map((r, index): DynamoDBRecord => {
      const table = r.table ?? 'orders';
      const dynamodb: NonNullable<DynamoDBRecord['dynamodb']> = {
        ApproximateCreationDateTime: Math.floor(BASE_TIME / 1000) + index,
        Keys: marshall(r.keys) as NonNullable<DynamoDBRecord['dynamodb']>['Keys'],
        SequenceNumber: String(4421584500000000017450439091n + BigInt(index)),
        SizeBytes: 26 + index,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      };
      if (r.newImage)
        dynamodb.NewImage = marshall(r.newImage, {
          removeUndefinedValues: true,
        }) as typeof dynamodb.NewImage;
      if (r.oldImage)
        dynamodb.OldImage = marshall(r.oldImage, {
          removeUndefinedValues: true,
        }) as typeof dynamodb.OldImage;
      return {
        eventID: createHash('md5').update(`${table}:${index}:${r.eventName}`).digest('hex'),
        eventName: r.eventName,
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: REGION,
        dynamodb,
        eventSourceARN: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${table}/stream/2026-11-01T00:00:00.000`,
      };
    }),
  };
}
