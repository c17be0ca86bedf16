import { Readable } from 'node:stream';
import * as s3 from '@aws-sdk/client-s3';
import { sdkStreamMixin } from '@smithy/util-stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coldStart, lambdaContext, mockClient } from '../../testkit/index.ts';

type Event =
  | { action: 'status' }
  | { action: 'greet'; name?: string }
  | { action: 'read'; key: string };
interface Reply {
  requestId?: unknown;
  coldStart?: unknown;
  invocation?: unknown;
  initDurationMs?: unknown;
  greeting?: unknown;
  object?: { key?: unknown; body?: unknown };
}
type Handler = (event: Event, context: ReturnType<typeof lambdaContext>) => Promise<Reply>;

const constructions = { count: 0 };

// Count S3 clients constructed by the code under test: the module is replaced by one whose
// S3Client is a counting subclass of the real one (aws-sdk-client-mock still mocks `send`).
vi.mock('@aws-sdk/client-s3', async (importOriginal) => {
  const actual = await importOriginal<typeof s3>();
  class CountingS3Client extends actual.S3Client {
    constructor(...args: ConstructorParameters<typeof actual.S3Client>) {
      super(...args);
      constructions.count += 1;
    }
  }
  return { ...actual, S3Client: CountingS3Client };
});

const s3Mock = mockClient(s3.S3Client);

function objectBody(text: string) {
  return sdkStreamMixin(Readable.from([Buffer.from(text)]));
}

/** Loads the handler as a brand-new execution environment would. */
async function newEnvironment(
  config: { greeting: string } = { greeting: 'Hello' },
): Promise<Handler> {
  process.env.APP_CONFIG = JSON.stringify(config);
  process.env.BUCKET_NAME = 'course-catalogue';
  const module = await coldStart(() => import('@lab/lab-02-execution-context/src/handler.ts'));
  return module.handler as unknown as Handler;
}

async function invoke(handler: Handler, event: Event, requestId?: string): Promise<Reply> {
  const reply = await handler(event, lambdaContext(requestId ? { awsRequestId: requestId } : {}));
  expect(reply, 'the handler must return an object').toBeTypeOf('object');
  return reply;
}

beforeEach(() => {
  constructions.count = 0;
  s3Mock.reset();
  s3Mock
    .on(s3.GetObjectCommand)
    .callsFake((input: { Key?: string }) => ({ Body: objectBody(`contents of ${input.Key}`) }));
});

afterEach(() => {
  delete process.env.APP_CONFIG;
  delete process.env.BUCKET_NAME;
});

describe('1. Keep state per execution environment', () => {
  it('reports coldStart true on the first invocation and false on the next ones', async () => {
    // Prepare
    const handler = await newEnvironment();
    // Act
    const replies = [
      await invoke(handler, { action: 'status' }),
      await invoke(handler, { action: 'status' }),
      await invoke(handler, { action: 'status' }),
    ];
    // Assess
    expect(
      replies.map((r) => r.coldStart),
      'coldStart of three invocations in one environment',
    ).toEqual([true, false, false]);
  });

  it('counts the invocations of each execution environment', async () => {
    const handler = await newEnvironment();
    const counts = [];
    for (let i = 0; i < 4; i++)
      counts.push((await invoke(handler, { action: 'status' })).invocation);
    expect(counts, 'invocation numbers in one environment').toEqual([1, 2, 3, 4]);
  });

  it('starts cold again in a new execution environment', async () => {
    const first = await newEnvironment();
    await invoke(first, { action: 'status' });
    await invoke(first, { action: 'status' });
    const second = await newEnvironment();
    const reply = await invoke(second, { action: 'status' });
    expect(reply.coldStart, 'coldStart of the first invocation in a new environment').toBe(true);
    expect(reply.invocation, 'invocation number in a new environment').toBe(1);
  });
});

describe('2. Do initialisation work once', () => {
  it('reads the configuration once per environment, at init', async () => {
    // Prepare: an environment starts with one configuration…
    const handler = await newEnvironment({ greeting: 'Bonjour' });
    const first = await invoke(handler, { action: 'greet', name: 'Ada' });
    // …which then changes while the environment stays warm
    process.env.APP_CONFIG = JSON.stringify({ greeting: 'Hola' });
    const warm = await invoke(handler, { action: 'greet', name: 'Ada' });
    const fresh = await invoke(await newEnvironment({ greeting: 'Hola' }), {
      action: 'greet',
      name: 'Ada',
    });
    // Assess
    expect(first.greeting, 'greeting with APP_CONFIG {"greeting":"Bonjour"}').toBe('Bonjour, Ada!');
    expect(warm.greeting, 'a warm invocation keeps the configuration read at init').toBe(
      'Bonjour, Ada!',
    );
    expect(fresh.greeting, 'a new environment reads the configuration again').toBe('Hola, Ada!');
  });

  it('reports the init duration on the cold invocation only', async () => {
    const handler = await newEnvironment();
    const cold = await invoke(handler, { action: 'status' });
    const warm = await invoke(handler, { action: 'status' });
    expect(typeof cold.initDurationMs, 'initDurationMs of the cold invocation').toBe('number');
    expect(
      Number.isFinite(cold.initDurationMs) && (cold.initDurationMs as number) >= 0,
      'initDurationMs is a finite number ≥ 0',
    ).toBe(true);
    expect(
      cold.initDurationMs as number,
      'initDurationMs is in milliseconds (module init takes well under a minute)',
    ).toBeLessThan(60_000);
    expect(warm.initDurationMs, 'initDurationMs of a warm invocation').toBeNull();
  });
});

describe('3. Create SDK clients lazily, once', () => {
  it('constructs no S3 client until the first read', async () => {
    const handler = await newEnvironment();
    expect(constructions.count, 'S3 clients constructed while loading the module').toBe(0);
    await invoke(handler, { action: 'status' });
    await invoke(handler, { action: 'greet', name: 'Ada' });
    expect(constructions.count, 'S3 clients constructed by invocations that do not read').toBe(0);
    const reply = await invoke(handler, { action: 'read', key: 'menu.json' });
    expect(reply.object?.body, 'body of the object read').toBe('contents of menu.json');
    expect(constructions.count, 'S3 clients constructed once a read happened').toBe(1);
  });

  it('reuses one S3 client across invocations', async () => {
    const handler = await newEnvironment();
    for (const key of ['a.json', 'b.json', 'c.json']) {
      const reply = await invoke(handler, { action: 'read', key });
      expect(reply.object?.body, `body of ${key}`).toBe(`contents of ${key}`);
    }
    expect(constructions.count, 'S3 clients constructed for three reads in one environment').toBe(
      1,
    );
  });

  it('reads the object from the bucket named in BUCKET_NAME', async () => {
    const handler = await newEnvironment();
    const reply = await invoke(handler, { action: 'read', key: 'menus/lunch.json' });
    expect(s3Mock).toHaveReceivedCommandWith(s3.GetObjectCommand, {
      Bucket: 'course-catalogue',
      Key: 'menus/lunch.json',
    });
    expect(reply.object, 'the object in the reply').toEqual({
      key: 'menus/lunch.json',
      body: 'contents of menus/lunch.json',
    });
  });
});

describe('4. Keep request data out of module scope', () => {
  it('does not carry a name from one invocation into the next', async () => {
    const handler = await newEnvironment();
    const named = await invoke(handler, { action: 'greet', name: 'Ada' });
    const anonymous = await invoke(handler, { action: 'greet' });
    expect(named.greeting, 'greeting for {name: "Ada"}').toBe('Hello, Ada!');
    expect(anonymous.greeting, 'greeting for the next invocation, without a name').toBe(
      'Hello, stranger!',
    );
  });

  it('returns the request id of the current invocation', async () => {
    const handler = await newEnvironment();
    const ids = [];
    for (const id of ['req-a', 'req-b', 'req-c'])
      ids.push((await invoke(handler, { action: 'status' }, id)).requestId);
    expect(ids, 'requestId of three invocations').toEqual(['req-a', 'req-b', 'req-c']);
  });
});
