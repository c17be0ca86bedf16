/**
 * Property: the lab-12 reference handler never throws on malformed events, answers them with an
 * error (health with its status), and never opens a database connection for them: only a valid
 * add, find or list may connect.
 */
import { createServer } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../testkit/index.ts';

// A port that counts connection attempts and answers none: any query would fail, and show.
let attempts = 0;
const server = createServer((socket) => {
  attempts += 1;
  socket.destroy();
});

let handler: typeof import('../../../solutions/lab-12-database-connections/src/handler.ts')['handler'];

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  process.env.DATABASE_URL = `postgres://postgres:course@127.0.0.1:${port}/postgres`;
  process.env.APP_VERSION = 'property';
  ({ handler } = await import('../../../solutions/lab-12-database-connections/src/handler.ts'));
});

afterAll(async () => {
  delete process.env.DATABASE_URL;
  delete process.env.APP_VERSION;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** True for the only events that may query: add/find with a valid name, and list. */
function queries(event: unknown): boolean {
  if (event === null || typeof event !== 'object') return false;
  const { action, name } = event as { action?: unknown; name?: unknown };
  if (action === 'list') return true;
  return (
    (action === 'add' || action === 'find') &&
    typeof name === 'string' &&
    name.length > 0 &&
    name.length <= 200
  );
}

const event = fc
  .oneof(
    fc.anything(),
    fc.record(
      {
        action: fc.oneof(fc.constantFrom('health', 'add', 'find', 'list', 'drop'), fc.anything()),
        name: fc.oneof(
          fc.constant(''),
          fc.string({ minLength: 201, maxLength: 260 }),
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    ),
  )
  .filter((e) => !queries(e));

describe('lab-12 reference handler', () => {
  it('answers malformed events without throwing and without connecting', async () => {
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        const reply = await handler(e as never, lambdaContext());
        const isHealth = (e as { action?: unknown } | null)?.action === 'health';
        if (isHealth) expect(reply).toEqual({ status: 'ok', version: 'property' });
        else expect(typeof reply.error).toBe('string');
      }),
      { numRuns: 300 },
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(attempts, 'connections attempted for malformed events').toBe(0);
  });
});
