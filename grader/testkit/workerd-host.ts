/**
 * The grader's side of running learner code in workerd (Cloudflare's runtime, through
 * Miniflare), for the Workers and edge labs. A lab's `global-setup.ts` calls
 * {@link serveWorkerd}; its checks call `useWorker()` from `./workerd.ts`.
 *
 * Why a small control server instead of starting Miniflare inside the checks: Miniflare creates
 * `<os.tmpdir()>/miniflare-<random>/{cache,kv,do,…}` with `fs.mkdir` when it starts (and removes
 * it in `dispose()`), and the sandboxed vitest workers may not write files. So Miniflare lives in
 * the grader's own process, and the checks ask this server, over loopback HTTP with a per-run
 * token, to bundle the learner's files afresh (esbuild, in memory) and start them. Building at
 * the check's request, not once in the global setup, keeps `--watch` re-runs current: the grader
 * re-runs suites on one vitest instance, and vitest runs a global setup only once.
 *
 * The learner's code never runs in this process: esbuild only reads it, and workerd (a separate
 * process) runs it. The bundle may read only the lab folder, the course's node_modules and the
 * folders a lab allows, like the sandbox does (a submission cannot pull in `solutions/`).
 */
import { randomBytes } from 'node:crypto';
import { builtinModules } from 'node:module';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Message, Plugin } from 'esbuild';
import type { Miniflare, MiniflareOptions } from 'miniflare';
import type { TestProject } from 'vitest/node';
import { type ControlRoute, serveControl } from './control-server.ts';
import type { WorkerdControl } from './workerd.ts';

export interface WorkerdLab {
  /**
   * The module workerd runs, as JavaScript source resolved from the lab folder (import the
   * learner's files with `./worker/…`). `token` authenticates the grader's inspection routes.
   */
  entry: (token: string) => string;
  /** Folders besides the lab folder and node_modules that the bundle may read (grader helpers). */
  allow?: string[];
  /** Bindings and dates, as `wrangler.jsonc` would give them (see reference/workers/README.md). */
  miniflare: {
    compatibilityDate: string;
    compatibilityFlags?: string[];
    kvNamespaces?: string[];
    durableObjects?: Record<string, { className: string; useSQLite?: boolean }>;
  };
  /** Longest wait for workerd to start the Worker (an endless loop at module scope hangs it). */
  startTimeoutMs?: number;
}

const NODE_BUILTINS = new Set(builtinModules);

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Keeps the bundle to what a Worker can use and what the sandbox would let the checks read. */
function guard(labDir: string, allowed: string[]): Plugin {
  return {
    name: 'course:workerd-guard',
    setup(build) {
      build.onResolve({ filter: /^cloudflare:/ }, (args) => ({ path: args.path, external: true }));
      build.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.replace(/^node:/, '').split('/')[0] ?? '';
        if (args.path.startsWith('node:') || NODE_BUILTINS.has(bare)) {
          return {
            errors: [
              {
                text: `"${args.path}" is a Node.js built-in module; workerd runs this code with Web APIs only (fetch, URL, Headers, TextEncoder, atob/btoa, crypto.subtle).`,
              },
            ],
          };
        }
        return undefined;
      });
      build.onLoad({ filter: /.*/ }, (args) => {
        if (allowed.some((dir) => isInside(args.path, dir))) return undefined;
        return {
          errors: [
            {
              text: `${path.relative(labDir, args.path)} is outside the lab folder; a lab may import only its own files and installed packages.`,
            },
          ],
        };
      });
    },
  };
}

function formatMessages(messages: Message[], labDir: string): string {
  return messages
    .slice(0, 5)
    .map((m) => {
      const where = m.location
        ? `${path.relative(labDir, path.resolve(labDir, m.location.file))}:${m.location.line}:${m.location.column + 1}: `
        : '';
      return `${where}${m.text}`;
    })
    .join('\n');
}

/**
 * Bundles the lab's entry in memory (no files written), as a module Worker. The bundle may read
 * the lab folder and the `allow`ed folders (give it the course's node_modules).
 */
export async function bundleForWorkerd(
  labDir: string,
  source: string,
  allow: string[],
): Promise<{ script: string } | { problem: string }> {
  const esbuild = await import('esbuild');
  try {
    const result = await esbuild.build({
      stdin: { contents: source, resolveDir: labDir, sourcefile: 'grader-entry.js', loader: 'js' },
      absWorkingDir: labDir,
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['module', 'main'],
      plugins: [guard(labDir, [labDir, ...allow])],
      logLevel: 'silent',
    });
    return { script: result.outputFiles[0]!.text };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    return {
      problem: `Could not bundle for workerd: ${errors ? formatMessages(errors, labDir) : String(error)}`,
    };
  }
}

/** Keeps the last lines workerd printed (learner console output, startup errors). */
class RuntimeOutput {
  private lines: string[] = [];
  attach = (stdout: Readable, stderr: Readable) => {
    for (const stream of [stdout, stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        this.lines.push(...chunk.split('\n').filter((l) => l.trim() !== ''));
        if (this.lines.length > 200) this.lines.splice(0, this.lines.length - 200);
      });
    }
  };
  /** The uncaught errors workerd reported, without its internal stack dumps. */
  uncaught(): string[] {
    return this.lines
      .filter((l) => /Uncaught|Error:/.test(l) && !l.startsWith('stack:'))
      .map((l) => l.replace(/^service core:user:[^:]*: /, ''));
  }
}

class Instance {
  url = '';
  private constructor(
    readonly mf: Miniflare,
    readonly options: MiniflareOptions,
    readonly output: RuntimeOutput,
  ) {}

  static async start(
    options: MiniflareOptions,
    output: RuntimeOutput,
    timeoutMs: number,
  ): Promise<Instance | { problem: string }> {
    const { Miniflare } = await import('miniflare');
    const mf = new Miniflare(options);
    const instance = new Instance(mf, options, output);
    const problem = await instance.waitReady(timeoutMs, 'start');
    if (problem) {
      await mf.dispose().catch(() => undefined);
      return { problem };
    }
    return instance;
  }

  private async waitReady(timeoutMs: number, what: string): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const url = await Promise.race([
        this.mf.ready,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new Error(
                  `workerd did not ${what} the Worker within ${timeoutMs / 1000} s: is there an endless loop at the top level of a module?`,
                ),
              ),
            timeoutMs,
          );
        }),
      ]);
      this.url = url.href.replace(/\/$/, '');
      return undefined;
    } catch (error) {
      const uncaught = this.output.uncaught();
      return uncaught.length > 0
        ? `workerd could not load the Worker: ${uncaught.slice(0, 3).join('\n')} (module-level code runs when workerd loads the Worker)`
        : (error as Error).message;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Restarts workerd with the same script: in-memory state is lost, storage is kept. */
  async restart(timeoutMs: number): Promise<string | undefined> {
    await this.mf.setOptions(this.options);
    return this.waitReady(timeoutMs, 'restart');
  }

  dispose(): Promise<void> {
    return this.mf.dispose().catch(() => undefined);
  }
}

/**
 * Starts the control server for one lab's checks and provides `{ control, token }` to them
 * (`inject('workerd')`). Returns the teardown. One Worker runs at a time: `/start` replaces the
 * previous one (a lab has one workerd suite file), so a check killed mid-run leaks nothing.
 */
export async function serveWorkerd(
  project: TestProject,
  lab: WorkerdLab,
): Promise<() => Promise<void>> {
  const labDir = String(project.config.env?.LAB_DIR ?? '');
  const token = randomBytes(16).toString('hex');
  const startTimeoutMs = lab.startTimeoutMs ?? 8000;
  const allowed = [path.join(project.config.root, 'node_modules'), ...(lab.allow ?? [])];
  let current: Instance | undefined;

  const stopCurrent = async () => {
    const instance = current;
    current = undefined;
    await instance?.dispose();
  };

  const routes: Record<string, ControlRoute> = {
    '/start': async () => {
      await stopCurrent();
      const bundle = await bundleForWorkerd(labDir, lab.entry(token), allowed);
      if ('problem' in bundle) return [200, bundle];
      const output = new RuntimeOutput();
      const started = await Instance.start(
        {
          modules: true,
          script: bundle.script,
          ...lab.miniflare,
          handleRuntimeStdio: output.attach,
        },
        output,
        startTimeoutMs,
      );
      if ('problem' in started) return [200, started];
      current = started;
      return [200, { url: started.url }];
    },
    '/restart': async () => {
      if (!current) return [409, { error: 'no Worker is running' }];
      const problem = await current.restart(startTimeoutMs);
      return [200, problem ? { problem } : { url: current.url }];
    },
    '/stop': async () => {
      await stopCurrent();
      return [200, {}];
    },
    '/kv/list': async (query) => {
      if (!current) return [409, { error: 'no Worker is running' }];
      const kv = await current.mf.getKVNamespace(query.get('binding') ?? '');
      const keys: { name: string; expiration?: number; metadata?: unknown }[] = [];
      let cursor: string | undefined;
      do {
        const page = await kv.list({ prefix: query.get('prefix') ?? undefined, cursor });
        keys.push(...page.keys);
        cursor = page.list_complete ? undefined : page.cursor;
      } while (cursor);
      return [200, { keys }];
    },
    '/kv/get': async (query) => {
      if (!current) return [409, { error: 'no Worker is running' }];
      const kv = await current.mf.getKVNamespace(query.get('binding') ?? '');
      return [200, { value: await kv.get(query.get('key') ?? '', 'text') }];
    },
    '/do/storage': async (query) => {
      if (!current) return [409, { error: 'no Worker is running' }];
      const ns = await current.mf.getDurableObjectNamespace(query.get('binding') ?? '');
      const stub = ns.get(ns.idFromName(query.get('name') ?? ''));
      const response = await stub.fetch('http://grader.invalid/__grader/storage', {
        headers: { 'x-grader-token': token },
      });
      const text = await response.text();
      return [200, response.ok ? JSON.parse(text) : { problem: text }];
    },
  };

  const server = await serveControl(token, routes);
  const control: WorkerdControl = { control: server.url, token };
  project.provide('workerd', control);

  return async () => {
    await stopCurrent();
    await server.close();
  };
}

/**
 * The entry of a module Worker under test: the learner's default export and Durable Object
 * classes, re-exported through thin wrappers that (1) turn an exception into a response the
 * checks can explain, and (2) let the grader read a Durable Object's storage (key-value API and
 * SQL tables) with its token. `main` is the learner's entry, relative to the lab folder.
 */
export function moduleWorkerEntry(options: {
  main: string;
  durableObjects: string[];
  token: string;
}): string {
  const { main, durableObjects, token } = options;
  const file = main.replace(/^\.\//, '');
  const missing = (name: string) =>
    `${file} does not export a Durable Object class named ${name}: the Worker's entry module must export every Durable Object class a binding names (export class ${name} …, or export { ${name} } from './…').`;
  const classes = durableObjects.map(
    (name) => `
const Base_${name} = typeof lab.${name} === 'function' ? lab.${name} : class extends DurableObject {
  fetch() { return problem(${JSON.stringify(missing(name))}); }
};
export class ${name} extends Base_${name} {
  constructor(ctx, env) { super(ctx, env); this[STORAGE] = ctx.storage; }
  async fetch(request) {
    if (request.headers.get('x-grader-token') === TOKEN) return dumpStorage(this[STORAGE]);
    if (typeof super.fetch !== 'function') return problem(${JSON.stringify(`The Durable Object class ${name} has no fetch() method, but it was called with fetch().`)});
    return super.fetch(request);
  }
}`,
  );
  return `import { DurableObject } from 'cloudflare:workers';
import * as lab from ${JSON.stringify(`./${file}`)};
const MISSING = ${JSON.stringify(durableObjects.map((name) => missing(name)))}.filter((_, i) => typeof lab[${JSON.stringify(durableObjects)}[i]] !== 'function');
const TOKEN = ${JSON.stringify(token)};
const STORAGE = Symbol('grader storage');
function describe(error) {
  return error instanceof Error ? error.name + ': ' + error.message : String(error);
}
function problem(message) {
  return new Response(message, { status: 500, headers: { 'x-grader-problem': '1', 'content-type': 'text/plain' } });
}
function threw(error) {
  return problem(['The Worker threw ' + describe(error) + ' (an uncaught exception becomes a 500 for the client).', ...MISSING].join('\\n'));
}
async function dumpStorage(storage) {
  const kv = [...(await storage.list()).entries()];
  const sql = {};
  try {
    const names = storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table'").toArray().map((row) => String(row.name));
    for (const name of names) {
      // The key-value API's hidden table (_cf_KV here, __cf_kv in the docs) and SQLite's own.
      if (/^_+cf_/i.test(name) || name.startsWith('sqlite_')) continue;
      sql[name] = storage.sql.exec('SELECT * FROM "' + name.replaceAll('"', '""') + '"').toArray();
    }
  } catch {}
  return Response.json({ kv, sql });
}
const handler = lab.default;
let entry;
if (typeof handler === 'function' && typeof handler.prototype?.fetch === 'function') {
  // export default class extends WorkerEntrypoint { fetch() {…} }
  entry = class extends handler {
    async fetch(request) {
      try { return await super.fetch(request); } catch (error) { return threw(error); }
    }
  };
} else {
  entry = {
    async fetch(request, env, ctx) {
      if (!handler || typeof handler.fetch !== 'function') return problem(${JSON.stringify(`${file} has no default export with a fetch() handler: export default { async fetch(request, env, ctx) { … } }.`)});
      try { return await handler.fetch(request, env, ctx); } catch (error) { return threw(error); }
    },
  };
}
export default entry;
${classes.join('\n')}
`;
}
