/**
 * Lab 05 reference solution: a module Worker with a small router, a notes API backed by KV
 * (JSON values with a TTL, listed by prefix, page by page), and counters kept by a Durable
 * Object (see counter.ts).
 */
import { Counter } from './counter.ts';

// Every Durable Object class a binding names must be exported by the entry module.
export { Counter };

/** The bindings declared in wrangler.jsonc. */
export interface Env {
  NOTES: KVNamespace;
  COUNTER: DurableObjectNamespace<Counter>;
}

/** A note expires 30 days after it was last written. */
const NOTE_TTL_SECONDS = 60 * 60 * 24 * 30;
/** KV is one flat namespace per binding: prefix keys so other data can share it. */
const NOTE_KEY_PREFIX = 'note:';
const DEFAULT_PAGE_SIZE = 100;
/** KV returns at most 1,000 keys per list() call. */
const MAX_PAGE_SIZE = 1000;
/** Note ids and counter names: letters, digits, dots, dashes and underscores. */
const NAME = /^[\w.-]{1,64}$/;

export interface Note {
  id: string;
  text: string;
  updatedAt: string;
}

function json(status: number, body: unknown, headers: HeadersInit = {}): Response {
  return Response.json(body, { status, headers });
}

function error(status: number, message: string, headers: HeadersInit = {}): Response {
  return json(status, { error: message }, headers);
}

const noteKey = (id: string) => `${NOTE_KEY_PREFIX}${id}`;

// #region kv
async function getNote(env: Env, id: string): Promise<Response> {
  // 'json' parses the stored value for us; a key that does not exist gives null, not a throw.
  const note = await env.NOTES.get<Note>(noteKey(id), 'json');
  return note === null ? error(404, `No note "${id}".`) : json(200, note);
}

async function putNote(env: Env, id: string, request: Request): Promise<Response> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return error(400, 'The body is not valid JSON.');
  }
  const text = (body as { text?: unknown } | null)?.text;
  if (typeof body !== 'object' || Array.isArray(body) || typeof text !== 'string' || !text.trim())
    return error(400, 'Send a JSON object with a non-empty "text" string.');
  const note: Note = { id, text, updatedAt: new Date().toISOString() };
  // KV stores strings: serialise once here, parse with get(key, 'json') when reading.
  await env.NOTES.put(noteKey(id), JSON.stringify(note), { expirationTtl: NOTE_TTL_SECONDS });
  return json(200, note);
}
// #endregion kv

async function deleteNote(env: Env, id: string): Promise<Response> {
  await env.NOTES.delete(noteKey(id));
  return new Response(null, { status: 204 });
}

// #region list
async function listNotes(env: Env, url: URL): Promise<Response> {
  const prefix = url.searchParams.get('prefix') ?? '';
  const limitParam = url.searchParams.get('limit');
  const limit = limitParam === null ? DEFAULT_PAGE_SIZE : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    return error(400, `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  const cursor = url.searchParams.get('cursor') || undefined;
  let page: KVNamespaceListResult<unknown>;
  try {
    page = await env.NOTES.list({ prefix: noteKey(prefix), limit, cursor });
  } catch {
    return error(400, 'That cursor is not valid: use the one the previous page returned.');
  }
  return json(200, {
    ids: page.keys.map((key) => key.name.slice(NOTE_KEY_PREFIX.length)),
    // KV hands back a cursor while there are more keys; the client sends it back for the next page.
    cursor: page.list_complete ? null : page.cursor,
  });
}
// #endregion list

// #region routing
type Route = (env: Env, name: string, request: Request, url: URL) => Promise<Response>;

/** Each path pattern with the methods it accepts: a known path with another method is a 405. */
const ROUTES: { pattern: RegExp; methods: Record<string, Route> }[] = [
  { pattern: /^\/notes\/?$/, methods: { GET: (env, _name, _request, url) => listNotes(env, url) } },
  {
    pattern: /^\/notes\/([^/]+)$/,
    methods: {
      GET: (env, id) => getNote(env, id),
      PUT: (env, id, request) => putNote(env, id, request),
      DELETE: (env, id) => deleteNote(env, id),
    },
  },
  {
    pattern: /^\/counters\/([^/]+)$/,
    methods: {
      // One Durable Object per counter name: idFromName always maps a name to the same object.
      GET: async (env, name) =>
        json(200, { name, value: await env.COUNTER.get(env.COUNTER.idFromName(name)).current() }),
      POST: async (env, name) =>
        json(200, { name, value: await env.COUNTER.get(env.COUNTER.idFromName(name)).increment() }),
    },
  },
];

export default {
  async fetch(request, env): Promise<Response> {
    const url = new URL(request.url);
    for (const { pattern, methods } of ROUTES) {
      const match = pattern.exec(url.pathname);
      if (!match) continue;
      const route = methods[request.method];
      if (!route)
        return error(405, `${request.method} is not allowed on ${url.pathname}.`, {
          allow: Object.keys(methods).join(', '),
        });
      const name = match[1] ?? '';
      if (match.length > 1 && !NAME.test(name))
        return error(400, 'Names are 1–64 letters, digits, ".", "-" or "_".');
      return route(env, name, request, url);
    }
    return error(404, `Nothing here: ${url.pathname}`);
  },
} satisfies ExportedHandler<Env>;
// #endregion routing
