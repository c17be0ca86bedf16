import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coldStart, lambdaContext } from '../../testkit/index.ts';
import { type ConnectionStats, usePostgres } from '../../testkit/postgres.ts';

interface Item {
  id?: unknown;
  name?: unknown;
}
interface Reply {
  status?: unknown;
  version?: unknown;
  item?: Item;
  items?: Item[];
  error?: unknown;
}
type Handler = (event: unknown, context: Context) => Promise<Reply>;

const pg = usePostgres();
const ENV_KEYS = [...Object.keys(pg.env()), 'APP_VERSION'];
/** Longest an invocation may take: a pool waiting for a connection nobody gave back never ends. */
const INVOKE_LIMIT_MS = 1500;

/** Loads the handler as a brand-new execution environment would, pointed at the database. */
async function newEnvironment(): Promise<Handler> {
  Object.assign(process.env, pg.env(), { APP_VERSION: '1.4.2' });
  const module = await coldStart(() => import('@lab/lab-12-database-connections/src/handler.ts'));
  expect(typeof module.handler, 'src/handler.ts exports a handler function').toBe('function');
  return module.handler as unknown as Handler;
}

async function invoke(handler: Handler, event: unknown): Promise<Reply> {
  const what = JSON.stringify(event);
  let timer: NodeJS.Timeout | undefined;
  try {
    const reply = await Promise.race([
      handler(event, lambdaContext({ timeoutMs: 10_000 })),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `the invocation ${what} did not finish within ${INVOKE_LIMIT_MS / 1000} s: is it waiting for a pooled connection that was never given back (client.release())?`,
              ),
            ),
          INVOKE_LIMIT_MS,
        );
      }),
    ]);
    expect(reply, `the reply to ${what} is an object`).toBeTypeOf('object');
    return reply;
  } catch (error) {
    if ((error as Error).message.startsWith('the invocation')) throw error;
    throw new Error(`the invocation ${what} threw ${String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Gives socket events (a connection opening, a dropped socket's EOF) time to arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/**
 * Runs `act` with uncaught exceptions captured instead of reported: an 'error' event nobody
 * listens to is thrown from a socket callback, which in Lambda kills the runtime process.
 */
async function catchingCrashes<T>(act: () => Promise<T>): Promise<{ value: T; crashes: Error[] }> {
  const saved = process.listeners('uncaughtException');
  const crashes: Error[] = [];
  const trap = (error: Error) => crashes.push(error);
  process.removeAllListeners('uncaughtException');
  process.on('uncaughtException', trap);
  try {
    return { value: await act(), crashes };
  } finally {
    process.removeListener('uncaughtException', trap);
    for (const listener of saved) process.on('uncaughtException', listener);
  }
}

async function tableExists(): Promise<boolean> {
  const rows = await pg.query<{ t: string | null }>("SELECT to_regclass('items')::text AS t");
  return rows[0]?.t != null;
}

async function storedNames(): Promise<unknown[]> {
  return (await pg.query<{ name: string }>('SELECT name FROM items ORDER BY id')).map(
    (r) => r.name,
  );
}

function names(reply: Reply): unknown[] | undefined {
  return Array.isArray(reply.items) ? reply.items.map((i) => i?.name) : undefined;
}

let before: ConnectionStats;

beforeEach(async () => {
  await pg.reset();
  before = await pg.stats();
});

afterEach(() => {
  for (const key of ENV_KEYS) delete process.env[key];
});

describe('1. Open one connection, lazily, and reuse it', () => {
  it('stores and lists items in the database', async () => {
    // Prepare
    const handler = await newEnvironment();
    // Act
    const apple = await invoke(handler, { action: 'add', name: 'apple' });
    const banana = await invoke(handler, { action: 'add', name: 'banana' });
    const list = await invoke(handler, { action: 'list' });
    const found = await invoke(handler, { action: 'find', name: 'banana' });
    // Assess
    expect(apple.item?.name, 'item.name in the reply to add "apple"').toBe('apple');
    expect(typeof apple.item?.id, 'item.id (the serial id the database assigned)').toBe('number');
    expect(await storedNames(), 'names in the items table after two adds').toEqual([
      'apple',
      'banana',
    ]);
    expect(names(list), 'names in the reply to list, in id order').toEqual(['apple', 'banana']);
    expect(list.items?.[1]?.id, 'id of banana in the list').toBe(banana.item?.id);
    expect(names(found), 'names in the reply to find "banana"').toEqual(['banana']);
  });

  it('answers health without opening a connection', async () => {
    const handler = await newEnvironment();
    const first = await invoke(handler, { action: 'health' });
    const second = await invoke(handler, { action: 'health' });
    await settle();
    expect(first, 'reply to health').toMatchObject({ status: 'ok', version: '1.4.2' });
    expect(second.status, 'status of the second health check').toBe('ok');
    const { opened } = await pg.openedSince(before);
    expect(
      opened.length,
      'connections the database accepted while the module loaded and answered two health checks (the pool must connect on its first query, not at init)',
    ).toBe(0);
  });

  it('rejects a bad request without opening a connection', async () => {
    const handler = await newEnvironment();
    const replies = [
      await invoke(handler, { action: 'add' }),
      await invoke(handler, { action: 'find', name: 42 }),
      await invoke(handler, { action: 'add', name: '' }),
      await invoke(handler, { action: 'drop-everything' }),
    ];
    await settle();
    expect(
      replies.map((r) => typeof r.error),
      'type of "error" in the replies to: add without a name, find with a number, add with an empty name, an unknown action',
    ).toEqual(['string', 'string', 'string', 'string']);
    const { opened } = await pg.openedSince(before);
    expect(
      opened.length,
      'connections opened for requests that were invalid (validate before you query)',
    ).toBe(0);
    // A valid request afterwards still works: the validation is not a blanket refusal.
    const list = await invoke(handler, { action: 'list' });
    expect(names(list), 'names in the reply to list (the table is empty)').toEqual([]);
  });

  it('reuses one connection across invocations', async () => {
    const handler = await newEnvironment();
    await invoke(handler, { action: 'add', name: 'apple' });
    await invoke(handler, { action: 'list' });
    await invoke(handler, { action: 'find', name: 'apple' });
    const last = await invoke(handler, { action: 'list' });
    await settle();
    expect(names(last), 'names listed by the fourth invocation').toEqual(['apple']);
    const { opened, open } = await pg.openedSince(before);
    expect(
      opened.length,
      'connections the database accepted for four invocations of one environment (create the pool once per environment, not per invocation)',
    ).toBe(1);
    expect(
      open.length,
      'connections still open after the invocations (the next invocation reuses it: do not end the pool or the client)',
    ).toBe(1);
  });

  it('keeps to one connection when invocations overlap', async () => {
    const handler = await newEnvironment();
    const replies = await Promise.all(
      ['red', 'green', 'blue'].map((name) => invoke(handler, { action: 'add', name })),
    );
    expect(
      replies.map((r) => r.item?.name),
      'names added by three overlapping invocations',
    ).toEqual(['red', 'green', 'blue']);
    const { opened } = await pg.openedSince(before);
    expect(
      opened.length,
      "connections opened for three overlapping queries in one environment (cap the pool with max: 1; pg's default is 10)",
    ).toBe(1);
  });
});

describe('2. Keep user input out of the SQL text', () => {
  it('stores a name containing SQL verbatim and keeps the table', async () => {
    // Prepare
    const handler = await newEnvironment();
    const hostile = "x'); DROP TABLE items; --";
    // Act
    let added: Reply | undefined;
    let failure: unknown;
    try {
      added = await invoke(handler, { action: 'add', name: hostile });
    } catch (error) {
      failure = error;
    }
    // Assess
    expect(
      await tableExists(),
      `the items table still exists after adding the name ${hostile} (if not, the name was run as SQL)`,
    ).toBe(true);
    if (failure) throw failure;
    expect(added?.item?.name, `item.name in the reply to add ${hostile}`).toBe(hostile);
    const quoted = await invoke(handler, { action: 'add', name: "O'Brien" });
    expect(quoted.item?.name, "item.name in the reply to add O'Brien").toBe("O'Brien");
    expect(await storedNames(), 'names stored in the table, verbatim').toEqual([
      hostile,
      "O'Brien",
    ]);
  });

  it('finds by exact name even when the name looks like SQL', async () => {
    await pg.query("INSERT INTO items (name) VALUES ('apple'), ('banana')");
    const handler = await newEnvironment();
    const always = await invoke(handler, { action: 'find', name: "' OR '1'='1" });
    const comment = await invoke(handler, { action: 'find', name: "apple' --" });
    const exact = await invoke(handler, { action: 'find', name: 'apple' });
    expect(names(always), `items found for the name ' OR '1'='1 (there is no such item)`).toEqual(
      [],
    );
    expect(names(comment), "items found for the name apple' -- (there is no such item)").toEqual(
      [],
    );
    expect(names(exact), 'items found for the name apple').toEqual(['apple']);
  });
});

describe('3. Recover when the connection drops', () => {
  it('keeps the process alive when an idle connection drops', async () => {
    const handler = await newEnvironment();
    const first = await invoke(handler, { action: 'add', name: 'before the drop' });
    expect(first.item?.name, 'item.name in the reply to the first add').toBe('before the drop');
    const { value: dropped, crashes } = await catchingCrashes(async () => {
      const ids = await pg.drop(before);
      await settle();
      return ids;
    });
    expect(dropped.length, 'connections the server dropped (the pooled one)').toBe(1);
    expect(
      crashes.length,
      `uncaught errors after the server dropped the idle connection (${crashes.map((e) => `${e.name}: ${e.message}`).join('; ')}): an 'error' event nobody listens to is thrown, and in Lambda that kills the runtime process`,
    ).toBe(0);
  });

  it('reconnects on the next invocation after a dropped connection', async () => {
    const handler = await newEnvironment();
    await catchingCrashes(async () => {
      await invoke(handler, { action: 'add', name: 'one' });
      await pg.drop(before);
      await settle();
      const two = await invoke(handler, { action: 'add', name: 'two' });
      expect(two.item?.name, 'item.name added by the first invocation after the drop').toBe('two');
      await pg.drop(before);
      await settle();
      const three = await invoke(handler, { action: 'add', name: 'three' });
      expect(three.item?.name, 'item.name added after a second drop').toBe('three');
    });
    expect(await storedNames(), 'names stored across two dropped connections').toEqual([
      'one',
      'two',
      'three',
    ]);
    const { opened, open } = await pg.openedSince(before);
    expect(
      opened.length,
      'connections opened: the first, and one new connection after each drop',
    ).toBe(3);
    expect(open.length, 'connections open at the end').toBe(1);
  });

  it('gives the connection back after a failed query', async () => {
    const handler = await newEnvironment();
    await invoke(handler, { action: 'add', name: 'twice' });
    // The second add breaks the UNIQUE constraint: the database refuses it.
    let duplicate: Reply | undefined;
    try {
      duplicate = await invoke(handler, { action: 'add', name: 'twice' });
    } catch (error) {
      if ((error as Error).message.includes('did not finish')) throw error;
    }
    expect(
      duplicate?.item,
      'item in the reply to adding an existing name (the database refuses it)',
    ).toBeUndefined();
    const list = await invoke(handler, { action: 'list' });
    expect(names(list), 'names listed after the failed insert').toEqual(['twice']);
  });
});
