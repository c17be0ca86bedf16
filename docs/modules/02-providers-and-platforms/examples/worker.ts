/**
 * Module 2 example: a Cloudflare Worker with a KV namespace and a Durable Object.
 *
 * The real types come from @cloudflare/workers-types (the Workers labs install them); the
 * interfaces below are the slice this example uses, so the page's code is type-checked here.
 */
export interface KVNamespace {
  get(key: string, type: 'json'): Promise<unknown>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
}
export interface DurableObjectStub {
  fetch(request: Request): Promise<Response>;
}
export interface DurableObjectNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): DurableObjectStub;
}
export interface DurableObjectState {
  storage: {
    get<T>(key: string): Promise<T | undefined>;
    put<T>(key: string, value: T): Promise<void>;
  };
}

// #region worker
export interface Env {
  PROFILES: KVNamespace; // bindings are declared in wrangler.jsonc, not imported
  COUNTERS: DurableObjectNamespace;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const [, area, id] = url.pathname.split('/');
    if (area === 'profiles' && id) {
      // KV: read-mostly data, cached near the user, eventually consistent.
      const profile = await env.PROFILES.get(`profile:${id}`, 'json');
      return profile
        ? Response.json(profile)
        : Response.json({ error: 'no such profile' }, { status: 404 });
    }
    if (area === 'counters' && id) {
      // Durable Object: every request for this name reaches the same single instance.
      const counter = env.COUNTERS.get(env.COUNTERS.idFromName(id));
      return counter.fetch(request);
    }
    return Response.json({ error: 'not found' }, { status: 404 });
  },
};
// #endregion worker

// #region durable-object
export class Counter {
  private readonly state: DurableObjectState;

  constructor(state: DurableObjectState) {
    this.state = state;
  }

  // One instance per name, one request at a time: no lost updates without any locking.
  async fetch(request: Request): Promise<Response> {
    let value = (await this.state.storage.get<number>('value')) ?? 0;
    if (request.method === 'POST') {
      value += 1;
      await this.state.storage.put('value', value);
    }
    return Response.json({ value });
  }
}
// #endregion durable-object
