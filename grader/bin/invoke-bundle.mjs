#!/usr/bin/env node
// Invokes a built function bundle the way Lambda would, in this fresh Node process: import the
// bundle (the INIT phase, timed), then call its handler with an event and a context (INVOKE).
// AWS SDK clients are then stubbed (the module instances the bundle loaded): every client class
// of the listed @aws-sdk packages answers `send` from canned responses, and records the commands
// it received. Used by the bundle proofs (grader/test/deploy) and `npm run bench` (cold init).
//
// Input (JSON on stdin):
//   { bundle, handler, events: [event…], env: {…}, timeoutMs,
//     mocks: { "<pkg>": { "<Command>": response | [response…] } },
//     http: [{ status, headers?, body? }…] }
// In a response, { "$stream": "<base64>" } becomes a streamed SDK body, { "$bytes": "<base64>" }
// a Uint8Array, and a response { "$error": { name, message, from?, …fields } } is thrown: an
// instance of the exception class `name` exported by the package `from` (so `instanceof
// ConditionalCheckFailedException` holds), else an Error with that name; other fields (such as
// `Item`) are set on it. A list of responses is served in order, the last one repeating.
// `http`: a local HTTP server answers the function's outgoing requests with these responses in
// order; "$HTTP_URL" in an env value becomes its base URL (http://127.0.0.1:<port>).
// Output (JSON on stdout): { results: [{ ok, value | error }], calls: [{ client, command, input }],
//   logs: [line…], bootMs, importMs, invokeMs, readyMs }. In recorded inputs, bytes appear as { "$bytes" } and
//   text over 64 KiB as { "$text": { length, head } }. readyMs is the time from process start to
//   the first answer, less the time spent installing stubs.
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const input = JSON.parse(
  await new Promise((resolve) => {
    let text = '';
    process.stdin
      .setEncoding('utf8')
      .on('data', (c) => (text += c))
      .on('end', () => resolve(text));
  }),
);

const calls = [];
const LONG_TEXT = 64 * 1024;
/** A JSON-safe copy of a command's input, taken when it is sent. */
function snapshot(value, depth = 0) {
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (typeof value === 'string' && value.length > LONG_TEXT)
    return { $text: { length: value.length, head: value.slice(0, 200) } };
  if (value === null || typeof value !== 'object' || depth > 20) return value;
  if (typeof value.pipe === 'function' || typeof value.getReader === 'function')
    return { $stream: null };
  if (Array.isArray(value)) return value.map((v) => snapshot(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, snapshot(v, depth + 1)]));
}

let httpUrl;
if (Array.isArray(input.http)) {
  let served = 0;
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (c) => chunks.push(c));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {}
      calls.push({
        client: 'http',
        command: `${request.method} ${request.url}`,
        input: { headers: request.headers, body },
      });
      const planned = input.http[Math.min(served++, input.http.length - 1)] ?? { status: 200 };
      const payload =
        typeof planned.body === 'string' ? planned.body : JSON.stringify(planned.body ?? {});
      response.writeHead(planned.status ?? 200, {
        'content-type': typeof planned.body === 'string' ? 'text/plain' : 'application/json',
        ...planned.headers,
      });
      response.end(payload);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  httpUrl = `http://127.0.0.1:${server.address().port}`;
}

Object.assign(
  process.env,
  {
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'AKIDBUNDLEPROOF',
    AWS_SECRET_ACCESS_KEY: 'bundle-proof',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  },
  Object.fromEntries(
    Object.entries(input.env ?? {}).map(([k, v]) => [
      k,
      httpUrl ? String(v).replaceAll('$HTTP_URL', httpUrl) : String(v),
    ]),
  ),
);

// Logs from the function go to stderr, so stdout stays one JSON document, and are kept (one
// entry per line, at most 500 of 8 KiB) for the checks: structured logs, EMF metrics.
const logs = [];
const toStderr = process.stderr.write.bind(process.stderr);
const writeResult = process.stdout.write.bind(process.stdout);
function keep(chunk) {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  for (const line of text.split('\n'))
    if (line !== '' && logs.length < 500) logs.push(line.slice(0, 8192));
}
process.stdout.write = (chunk, ...rest) => {
  keep(chunk);
  return toStderr(chunk, ...rest);
};
console.log =
  console.info =
  console.debug =
  console.warn =
  console.error =
    (...args) => {
      const text = `${format(...args)}\n`;
      keep(text);
      toStderr(text);
    };

// INIT: import the bundle first, as Lambda does, so the measured import includes the SDK.
const bootMs = performance.now();
let t0 = performance.now();
const module = await import(pathToFileURL(input.bundle).href);
const importMs = performance.now() - t0;

// Installing the stubs is the harness's work, not the function's: timed, and left out of readyMs.
const setupStart = performance.now();
let sdkStreamMixin;
const modules = new Map();
async function materialise(value) {
  if (value && typeof value === 'object') {
    if (typeof value.$stream === 'string') {
      sdkStreamMixin ??= (await import('@smithy/util-stream')).sdkStreamMixin;
      return sdkStreamMixin(Readable.from([Buffer.from(value.$stream, 'base64')]));
    }
    if (typeof value.$bytes === 'string')
      return new Uint8Array(Buffer.from(value.$bytes, 'base64'));
    if (Array.isArray(value)) return Promise.all(value.map(materialise));
    return Object.fromEntries(
      await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await materialise(v)])),
    );
  }
  return value;
}
async function failure({ name, message, from, ...fields }) {
  const exports = from ? (modules.get(from) ?? (await import(from))) : {};
  const Exception = exports[name];
  const error =
    typeof Exception === 'function' && Exception.prototype instanceof Error
      ? new Exception({ message: message ?? name, $metadata: {}, ...fields })
      : Object.assign(new Error(message ?? name), { name });
  return Object.assign(error, await materialise(fields));
}
for (const [pkg, commands] of Object.entries(input.mocks ?? {})) {
  const exports = await import(pkg);
  modules.set(pkg, exports);
  const served = new Map();
  for (const [name, Client] of Object.entries(exports)) {
    if (
      !name.endsWith('Client') ||
      typeof Client !== 'function' ||
      typeof Client.prototype?.send !== 'function'
    )
      continue;
    Client.prototype.send = async function send(command) {
      const commandName = command.constructor.name;
      calls.push({ client: name, command: commandName, input: snapshot(command.input) });
      const planned = commands[commandName];
      const index = served.get(commandName) ?? 0;
      served.set(commandName, index + 1);
      const response = Array.isArray(planned)
        ? planned[Math.min(index, planned.length - 1)]
        : planned;
      if (response?.$error) throw await failure(response.$error);
      return materialise(response ?? {});
    };
  }
}
const setupMs = performance.now() - setupStart;

const context = (id) => {
  const deadline = Date.now() + (input.timeoutMs ?? 30_000);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'bundle-proof',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:bundle-proof',
    memoryLimitInMB: '512',
    awsRequestId: `bundle-proof-${id}`,
    logGroupName: '/aws/lambda/bundle-proof',
    logStreamName: '2026/11/26/[$LATEST]proof',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
};

const handler = module[input.handler ?? 'handler'];
const results = [];
let invokeMs = 0;
let readyMs = 0;
if (typeof handler !== 'function') {
  results.push({
    ok: false,
    error: {
      name: 'TypeError',
      message: `the bundle does not export a function named ${input.handler}`,
    },
  });
} else {
  for (const [i, event] of (input.events ?? [{}]).entries()) {
    t0 = performance.now();
    try {
      results.push({ ok: true, value: (await handler(event, context(i))) ?? null });
    } catch (error) {
      results.push({ ok: false, error: { name: error?.name, message: error?.message } });
    }
    if (i === 0) {
      invokeMs = performance.now() - t0;
      readyMs = performance.now() - setupMs;
    }
  }
}
writeResult(JSON.stringify({ results, calls, logs, bootMs, importMs, invokeMs, readyMs }), () =>
  process.exit(0),
);
