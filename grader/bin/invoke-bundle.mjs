#!/usr/bin/env node
// Invokes a built function bundle the way Lambda would, in this fresh Node process: import the
// bundle (the INIT phase, timed), then call its handler with an event and a context (INVOKE).
// AWS SDK clients are then stubbed (the module instances the bundle loaded): every client class of the listed @aws-sdk packages answers `send` from
// canned responses, and records the commands it received.
//
// Input (JSON on stdin): { bundle, handler, events: [event…], mocks: { "<pkg>": { "<Command>":
//   response | [response…] } }, env: {…}, timeoutMs }. A response may hold
//   { "$stream": "<base64>" } for a streamed body, or be { "$error": { name, message } } to throw.
// Output (JSON on stdout): { results: [{ ok, value | error }], calls: [...], importMs, invokeMs }.
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';

const input = JSON.parse(
  await new Promise((resolve) => {
    let text = '';
    process.stdin
      .setEncoding('utf8')
      .on('data', (c) => (text += c))
      .on('end', () => resolve(text));
  }),
);
Object.assign(
  process.env,
  {
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'AKIDBUNDLEPROOF',
    AWS_SECRET_ACCESS_KEY: 'bundle-proof',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  },
  input.env ?? {},
);

// Logs from the function go to stderr, so stdout stays one JSON document.
const writeResult = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr);
console.log =
  console.info =
  console.debug =
    (...args) => process.stderr.write(`${args.join(' ')}\n`);

// INIT: import the bundle first, as Lambda does, so the measured import includes the SDK.
let t0 = performance.now();
const module = await import(pathToFileURL(input.bundle).href);
const importMs = performance.now() - t0;

const calls = [];
const { sdkStreamMixin } = await import('@smithy/util-stream');
function materialise(value) {
  if (value && typeof value === 'object') {
    if (typeof value.$stream === 'string')
      return sdkStreamMixin(Readable.from([Buffer.from(value.$stream, 'base64')]));
    if (Array.isArray(value)) return value.map(materialise);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, materialise(v)]));
  }
  return value;
}
for (const [pkg, commands] of Object.entries(input.mocks ?? {})) {
  const module = await import(pkg);
  const served = new Map();
  for (const [name, Client] of Object.entries(module)) {
    if (
      !name.endsWith('Client') ||
      typeof Client !== 'function' ||
      typeof Client.prototype?.send !== 'function'
    )
      continue;
    Client.prototype.send = async function send(command) {
      const commandName = command.constructor.name;
      calls.push({ client: name, command: commandName, input: command.input });
      const planned = commands[commandName];
      const index = served.get(commandName) ?? 0;
      served.set(commandName, index + 1);
      const response = Array.isArray(planned)
        ? planned[Math.min(index, planned.length - 1)]
        : planned;
      if (response?.$error)
        throw Object.assign(
          new Error(response.$error.message ?? response.$error.name),
          response.$error,
        );
      return materialise(response ?? {});
    };
  }
}

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
    if (i === 0) invokeMs = performance.now() - t0;
  }
}
writeResult(JSON.stringify({ results, calls, importMs, invokeMs }), () => process.exit(0));
