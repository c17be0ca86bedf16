/**
 * DynamoDB for the checks, two ways:
 *
 * - {@link useDynalite}: a real DynamoDB API in memory (dynalite), for behaviour: conditional
 *   writes that genuinely fail with `ConditionalCheckFailedException`, concurrent writers, items
 *   that stay after their TTL timestamp (DynamoDB deletes expired items lazily too). Learner code
 *   reaches it through an endpoint environment variable the lab tells learners to honour.
 * - {@link recordDynamoDb}: aws-sdk-client-mock on both `DynamoDBClient` and
 *   `DynamoDBDocumentClient`, with every command normalised (operation name, unmarshalled key and
 *   item) into one ordered log, so a check can assert the exact calls whichever client style the
 *   learner chose, and inject failures (throttling, a failed condition).
 */
import {
  type AttributeValue,
  CreateTableCommand,
  DynamoDBClient,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { inject } from 'vitest';

/** What a dynalite global setup provides to its checks. */
export interface DynaliteControl {
  endpoint: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynalite: DynaliteControl;
  }
}

export interface Dynalite {
  /** `http://127.0.0.1:<port>`: what learner code gets as its endpoint. */
  endpoint: string;
  /** A client of the checks' own (not the learner's), for setting up and inspecting tables. */
  client: DynamoDBClient;
  /** Creates an on-demand table keyed by one string partition key (default `pk`). */
  createTable(name: string, partitionKey?: string): Promise<void>;
  /** Every item of a table, unmarshalled. */
  scan(name: string): Promise<Record<string, unknown>[]>;
}

/**
 * The in-memory DynamoDB a lab's global setup serves (see `./dynamodb-host.ts`), with a client
 * of the checks' own. Each check should create its own table.
 */
export function useDynalite(): Dynalite {
  const { endpoint } = inject('dynalite');
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDCOURSETESTING', secretAccessKey: 'course-testing-secret' },
  });
  return {
    endpoint,
    client,
    async createTable(name, partitionKey = 'pk') {
      await client.send(
        new CreateTableCommand({
          TableName: name,
          KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: partitionKey, AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    },
    async scan(name) {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({ TableName: name, ConsistentRead: true, ExclusiveStartKey: start }),
        );
        items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
  };
}

/** One DynamoDB call as the learner's code made it, whichever client style it used. */
export interface DynamoDbCall {
  /** The API operation: `PutItem`, `UpdateItem`, `DeleteItem`, `GetItem`, `TransactWriteItems`… */
  op: string;
  /** The command class the learner used: `PutItemCommand`, `PutCommand`, … */
  command: string;
  input: Record<string, unknown>;
  /** `Key` of the input, unmarshalled. */
  key?: Record<string, unknown>;
  /** `Item` of the input, unmarshalled. */
  item?: Record<string, unknown>;
}

/** What a recorded call answers: a value to resolve with, or an error to throw. */
export type DynamoDbResponder = (call: DynamoDbCall) => unknown;

const OPERATIONS: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  Get: 'GetItem',
  TransactWrite: 'TransactWriteItems',
  TransactGet: 'TransactGetItems',
  BatchWrite: 'BatchWriteItem',
  BatchGet: 'BatchGetItem',
};

function normalise(command: { constructor: { name: string }; input?: unknown }): DynamoDbCall {
  const name = command.constructor.name;
  const stem = name.replace(/Command$/, '');
  // client-dynamodb commands carry marshalled attribute values (PutItemCommand, GetItemCommand,
  // TransactWriteItemsCommand…); lib-dynamodb's (PutCommand, GetCommand…) carry plain values.
  const marshalled = /Items?$/.test(stem) || OPERATIONS[stem] === undefined;
  const op = OPERATIONS[stem] ?? stem;
  const input = (command.input ?? {}) as Record<string, unknown>;
  const plain = (value: unknown) =>
    value && typeof value === 'object'
      ? marshalled
        ? unmarshall(value as Record<string, AttributeValue>)
        : (value as Record<string, unknown>)
      : undefined;
  return { op, command: name, input, key: plain(input.Key), item: plain(input.Item) };
}

/** A point in the call log that the check marked (say, when the card was charged). */
export interface DynamoDbMark {
  mark: string;
}

export interface DynamoDbRecorder {
  /** Every call so far, in order, interleaved with the marks the check added. */
  readonly log: (DynamoDbCall | DynamoDbMark)[];
  /** The DynamoDB calls only. */
  calls(): DynamoDbCall[];
  /** Adds a marker to the log (say, "charge") to check the order of calls around it. */
  mark(label: string): void;
  /** Forgets the log and answers every call with `responder` from now on. */
  reset(responder?: DynamoDbResponder): void;
  /** Puts the real `send` back (to mix mocked and real DynamoDB checks in one file). */
  restore(): void;
}

/**
 * Mocks `send` of every `DynamoDBClient` and `DynamoDBDocumentClient` (including ones created
 * later, and the aggregated `DynamoDB` / `DynamoDBDocument` classes) and records each command.
 * By default every call resolves `{}` (a GetItem finds nothing).
 */
export function recordDynamoDb(): DynamoDbRecorder {
  const mocks = [mockClient(DynamoDBClient), mockClient(DynamoDBDocumentClient)];
  const log: DynamoDbRecorder['log'] = [];
  let responder: DynamoDbResponder = () => ({});
  const install = () => {
    for (const mock of mocks) {
      mock.reset();
      const fake = async (command: { constructor: { name: string }; input?: unknown }) => {
        const call = normalise(command);
        log.push(call);
        return responder(call);
      };
      mock.send.callsFake(fake as never);
    }
  };
  install();
  return {
    log,
    calls: () => log.filter((entry): entry is DynamoDbCall => !('mark' in entry)),
    mark: (label) => log.push({ mark: label }),
    reset(next = () => ({})) {
      log.length = 0;
      responder = next;
      install();
    },
    restore() {
      for (const mock of mocks) mock.restore();
    },
  };
}
