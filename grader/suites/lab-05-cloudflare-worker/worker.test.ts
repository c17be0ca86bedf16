/**
 * Lab 05 checks. The learner's Worker is bundled with esbuild and runs in workerd (Miniflare) in
 * the grader's process; these checks talk to it over HTTP and read its KV namespace and Durable
 * Object storage back through the grader (see grader/testkit/workerd.ts).
 */
import { describe, expect, it } from 'vitest';
import { useWorker } from '../../testkit/workerd.ts';

const worker = useWorker();

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  return worker().request(path, init);
}

async function jsonOf(response: Response, what: string): Promise<Record<string, unknown>> {
  const text = await response.text();
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object') return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new Error(`${what}: expected a JSON object body, got ${text.slice(0, 200) || '(empty)'}`);
}

async function expectJsonError(response: Response, status: number, what: string): Promise<void> {
  expect(response.status, `status code of ${what}`).toBe(status);
  const body = await jsonOf(response, what);
  expect(
    typeof body.error === 'string' && body.error !== '',
    `a JSON {"error": "…"} body for ${what}`,
  ).toBe(true);
}

function allowed(response: Response): string[] {
  return (response.headers.get('allow') ?? '')
    .split(',')
    .map((m) => m.trim().toUpperCase())
    .filter(Boolean);
}

async function putNote(id: string, note: unknown): Promise<Response> {
  return send('PUT', `/notes/${id}`, note);
}

async function counter(method: 'GET' | 'POST', name: string): Promise<unknown> {
  const response = await send(method, `/counters/${name}`);
  expect(response.status, `status code of ${method} /counters/${name}`).toBe(200);
  return (await jsonOf(response, `${method} /counters/${name}`)).value;
}

async function listIds(query: string): Promise<{ ids: unknown; cursor: unknown }> {
  const response = await send('GET', `/notes?${query}`);
  expect(response.status, `status code of GET /notes?${query}`).toBe(200);
  const body = await jsonOf(response, `GET /notes?${query}`);
  return { ids: body.ids, cursor: body.cursor };
}

/** Whether `n` appears anywhere in a storage dump (a value, a field, a SQL cell). */
function holds(value: unknown, n: number): boolean {
  if (value === n || value === String(n)) return true;
  if (Array.isArray(value)) return value.some((v) => holds(v, n));
  if (value !== null && typeof value === 'object')
    return Object.values(value).some((v) => holds(v, n));
  return false;
}

describe('1. Route requests', () => {
  it('answers 404 with a JSON error for an unknown path', async () => {
    // Act and assess
    for (const path of ['/nowhere', '/notes/a/b', '/counters']) {
      await expectJsonError(await send('GET', path), 404, `GET ${path}`);
    }
  });

  it('answers 405 with an Allow header for a known path and a wrong method', async () => {
    const cases = [
      { method: 'POST', path: '/notes/x', allow: ['GET', 'PUT', 'DELETE'] },
      { method: 'DELETE', path: '/counters/x', allow: ['GET', 'POST'] },
      { method: 'PUT', path: '/notes', allow: ['GET'] },
    ];
    for (const { method, path, allow } of cases) {
      const response = await send(method, path);
      expect(response.status, `status code of ${method} ${path} (the path exists)`).toBe(405);
      expect(allowed(response), `Allow header of ${method} ${path}`).toEqual(
        expect.arrayContaining(allow),
      );
      expect(
        allowed(response),
        `Allow header of ${method} ${path} must not list ${method}`,
      ).not.toContain(method);
    }
  });
});

describe('2. Store notes in KV as JSON', () => {
  it('stores a note as JSON and reads it back', async () => {
    // Prepare
    const text = 'Crème brûlée for 4 🍮';
    // Act
    const put = await putNote('dessert', { text });
    const get = await send('GET', '/notes/dessert');
    // Assess
    expect([200, 201], 'status code of PUT /notes/dessert').toContain(put.status);
    expect(get.status, 'status code of GET /notes/dessert after the PUT').toBe(200);
    const note = await jsonOf(get, 'GET /notes/dessert');
    expect(note.text, 'text of the note read back').toBe(text);
    expect(note.id, 'id of the note read back').toBe('dessert');
    const stored = await worker().kvGet('NOTES', 'note:dessert');
    expect(stored, 'a KV value under the key "note:dessert"').not.toBeNull();
    let parsed: unknown;
    expect(() => {
      parsed = JSON.parse(stored!);
    }, 'the KV value is a JSON string').not.toThrow();
    expect((parsed as { text?: unknown }).text, 'text in the JSON stored in KV').toBe(text);
  });

  it('sets a time to live of 30 days on every note it writes', async () => {
    await putNote('expiring', { text: 'gone next month' });
    const now = Date.now() / 1000;
    const [key] = await worker().kvList('NOTES', 'note:expiring');
    expect(key, 'a KV key "note:expiring" after PUT /notes/expiring').toBeDefined();
    expect(key!.expiration, 'the expiration KV records for "note:expiring"').toBeTypeOf('number');
    const days = (key!.expiration! - now) / 86_400;
    expect(
      Math.abs(days - 30) * 24,
      `hours between the key's expiration and 30 days from now (it expires in ${days.toFixed(2)} days)`,
    ).toBeLessThan(1);
  });

  it('answers 404 for a note that does not exist', async () => {
    await expectJsonError(
      await send('GET', '/notes/never-written'),
      404,
      'GET of a note never written',
    );
    await putNote('short-lived', { text: 'bye' });
    const deleted = await send('DELETE', '/notes/short-lived');
    expect([200, 204], 'status code of DELETE /notes/short-lived').toContain(deleted.status);
    await expectJsonError(await send('GET', '/notes/short-lived'), 404, 'GET of a deleted note');
  });

  it('answers 400 with a JSON error for a body that is not a valid note', async () => {
    const bodies: [string, string][] = [
      ['invalid JSON', '{"text": "unfinished'],
      ['a JSON array', '["milk"]'],
      ['JSON without a text', '{"title": "milk"}'],
      ['a text that is not a string', '{"text": 42}'],
      ['no body at all', ''],
    ];
    for (const [what, body] of bodies) {
      await expectJsonError(await putNote('rejected', body), 400, `PUT with ${what}`);
    }
    expect(
      await worker().kvGet('NOTES', 'note:rejected'),
      'KV value of a note whose every PUT was rejected',
    ).toBeNull();
  });
});

describe('3. List notes by prefix', () => {
  it('lists the ids of the notes whose id starts with the prefix', async () => {
    for (const id of ['trip-tickets', 'trip-hotel', 'travel-insurance'])
      await putNote(id, { text: id });
    const trip = await listIds('prefix=trip-');
    expect(trip.ids, 'ids listed for prefix "trip-" (KV lists keys in sorted order)').toEqual([
      'trip-hotel',
      'trip-tickets',
    ]);
    const tr = await listIds('prefix=tr');
    expect(tr.ids, 'ids listed for prefix "tr"').toEqual([
      'travel-insurance',
      'trip-hotel',
      'trip-tickets',
    ]);
    expect(tr.cursor ?? null, 'cursor of a complete list').toBeNull();
    expect((await listIds('prefix=zzz')).ids, 'ids listed for a prefix nothing has').toEqual([]);
  });

  it('pages through a long list with a cursor', async () => {
    const ids = ['page-1', 'page-2', 'page-3', 'page-4', 'page-5'];
    for (const id of ids) await putNote(id, { text: id });
    const seen: unknown[] = [];
    let query = 'prefix=page-&limit=2';
    for (let pages = 1; ; pages++) {
      const page = await listIds(query);
      expect(Array.isArray(page.ids), `ids of page ${pages} is an array`).toBe(true);
      expect(
        (page.ids as unknown[]).length,
        `number of ids on page ${pages} with limit=2`,
      ).toBeLessThanOrEqual(2);
      seen.push(...(page.ids as unknown[]));
      if (page.cursor === null || page.cursor === undefined) break;
      expect(page.cursor, `cursor of page ${pages}`).toBeTypeOf('string');
      expect(
        pages,
        'pages needed for 5 notes with limit=2 (is the cursor passed to list()?)',
      ).toBeLessThan(4);
      query = `prefix=page-&limit=2&cursor=${encodeURIComponent(page.cursor as string)}`;
    }
    expect(seen, 'every id, once, across the pages').toEqual(ids);
  });
});

describe('4. Count with a Durable Object', () => {
  it('increments a named counter across requests', async () => {
    const values = [
      await counter('POST', 'visits'),
      await counter('POST', 'visits'),
      await counter('POST', 'visits'),
    ];
    expect(values, 'value of three POST /counters/visits').toEqual([1, 2, 3]);
    expect(await counter('GET', 'visits'), 'value of GET /counters/visits afterwards').toBe(3);
    expect(await counter('GET', 'never-used'), 'value of a counter never incremented').toBe(0);
    expect(
      await counter('GET', 'never-used'),
      'value after reading it (a GET must not count)',
    ).toBe(0);
  });

  it('keeps a separate count per counter name', async () => {
    await counter('POST', 'apples');
    await counter('POST', 'apples');
    await counter('POST', 'pears');
    expect(await counter('GET', 'apples'), 'value of the "apples" counter').toBe(2);
    expect(await counter('GET', 'pears'), 'value of the "pears" counter').toBe(1);
  });

  it("keeps the count in the Durable Object's storage", async () => {
    for (let i = 0; i < 3; i++) await counter('POST', 'stored');
    const storage = await worker().durableObjectStorage('COUNTER', 'stored');
    expect(
      holds(storage, 3),
      `the storage of the Durable Object idFromName("stored") holds the count 3 (it holds ${JSON.stringify(storage).slice(0, 200)})`,
    ).toBe(true);
  });
});

describe('5. Stay correct across restarts and concurrent requests', () => {
  it('keeps the count across a restart of the Worker', async () => {
    await counter('POST', 'durable');
    await counter('POST', 'durable');
    // Act: a new workerd process; module variables and Durable Object memory are gone
    await worker().restart();
    // Assess
    expect(await counter('GET', 'durable'), 'value of the counter after a restart').toBe(2);
    expect(await counter('POST', 'durable'), 'value of the first increment after a restart').toBe(
      3,
    );
  });

  it('counts every one of many concurrent increments', async () => {
    const n = 25;
    const values = await Promise.all(
      Array.from({ length: n }, () => counter('POST', 'rush') as Promise<number>),
    );
    expect(
      [...values].sort((a, b) => a - b),
      `values returned by ${n} concurrent POST /counters/rush: each increment must see the previous one`,
    ).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(await counter('GET', 'rush'), `value after ${n} concurrent increments`).toBe(n);
  });
});
