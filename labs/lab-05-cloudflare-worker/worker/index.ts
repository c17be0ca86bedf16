/**
 * Lab 05 — a Cloudflare Worker with KV and a Durable Object. Read the lab text first:
 * labs/lab-05-cloudflare-worker/README.md. Grade your work with: npm run grade lab-05
 *
 * This file is the Worker's entry module (wrangler.jsonc's "main"). The grader bundles it and
 * runs it in workerd, Cloudflare's runtime, with the bindings below.
 */
import { Counter } from './counter.ts';

// The entry module must export every Durable Object class a binding names.
export { Counter };

/** The bindings declared in wrangler.jsonc. */
export interface Env {
  NOTES: KVNamespace;
  COUNTER: DurableObjectNamespace<Counter>;
}

// TODO(lab-05): task 1 — route by path, then by method:
//   GET /notes                     list note ids (task 3)
//   GET, PUT, DELETE /notes/<id>   one note (task 2)
//   GET, POST /counters/<name>     a counter (task 4)
// An unknown path is a 404; a known path with another method is a 405 with an Allow header.
// Errors are JSON: {"error": "…"}.

// TODO(lab-05): task 2 — PUT /notes/<id> validates the body ({"text": "…"}, else 400) and stores
// the note as JSON under the key note:<id> with a 30-day expirationTtl; GET reads it back with
// env.NOTES.get(key, 'json') (404 when it is null); DELETE removes it (204).

// TODO(lab-05): task 3 — GET /notes?prefix=…&limit=…&cursor=… answers
// {"ids": [...], "cursor": "…" | null} from env.NOTES.list({ prefix, limit, cursor }).

// TODO(lab-05): task 4 — GET and POST /counters/<name> answer {"name": …, "value": …} from the
// Durable Object env.COUNTER.get(env.COUNTER.idFromName(name)).

export default {
  async fetch(request, env, ctx): Promise<Response> {
    return Response.json(
      { error: 'Not implemented yet: see TODO(lab-05) in worker/index.ts' },
      { status: 501 },
    );
  },
} satisfies ExportedHandler<Env>;
