/**
 * Lab 16, task 1: the 6 MB synchronous response limit. S3 is mocked (aws-sdk-client-mock); the
 * presigned URL is really signed, offline, with the fake credentials the suite environment sets.
 * Payloads are built to sit on either side of the limit depending on how they are measured.
 */
import { PutObjectCommand, type PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import { respondWithJson } from '@lab/lab-16-limits/src/response-guard.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { header, mockClient } from '../../testkit/index.ts';

const LIMIT = 6 * 1024 * 1024; // 6,291,456 bytes
const BUCKET = 'course-responses';
const KEY = 'responses/req-7f3a.json';

const s3Mock = mockClient(S3Client);
const s3 = new S3Client({ region: 'eu-west-1' });

beforeEach(() => {
  s3Mock.reset();
  s3Mock.on(PutObjectCommand).resolves({ ETag: '"d41d8cd98f00b204e9800998ecf8427e"' });
});

interface Outcome {
  result: { statusCode?: number; headers?: Record<string, string>; body?: string } | undefined;
  error?: unknown;
  puts: PutObjectCommandInput[];
  /** The JSON size of the whole response, in UTF-8 bytes. */
  bytes: number;
  /** The download URL, when the response carries one. */
  url: string | undefined;
}

async function respond(payload: unknown): Promise<Outcome> {
  let result: Outcome['result'];
  let error: unknown;
  try {
    result = (await respondWithJson(payload, {
      s3,
      bucket: BUCKET,
      key: KEY,
    })) as Outcome['result'];
  } catch (e) {
    error = e;
  }
  const puts = s3Mock.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
  const bytes = result ? Buffer.byteLength(JSON.stringify(result)) : 0;
  let url: string | undefined = header(result as never, 'location');
  if (!url && result && typeof result.body === 'string' && result.body.length < 100_000) {
    try {
      const body = JSON.parse(result.body) as { url?: unknown };
      if (typeof body?.url === 'string') url = body.url;
    } catch {
      // not JSON: no URL
    }
  }
  return { result, error, puts, bytes, url };
}

const fmt = (bytes: number) => `${bytes.toLocaleString('en-US')} bytes`;

function describeOutcome(o: Outcome): string {
  if (o.error) return `it threw ${String(o.error)}`;
  return `it returned a response of ${fmt(o.bytes)} with ${o.puts.length} PutObject call(s)`;
}

/**
 * The response was sent through S3: a small response that carries a URL. (Whether the object
 * was really uploaded is the last check's business.)
 */
function expectOffloaded(o: Outcome, what: string) {
  expect(
    o.url !== undefined && o.bytes < 64 * 1024,
    `${what} must go through S3 (answered with a download URL instead of the body), but ${describeOutcome(o)}`,
  ).toBe(true);
}

function bodyText(body: PutObjectCommandInput['Body']): string | undefined {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  return undefined;
}

describe('1. Return large responses through S3', () => {
  it('returns a small result inline, without touching S3', async () => {
    // Prepare
    const payload = {
      title: 'Daily report',
      rows: [
        { id: 1, text: 'ok' },
        { id: 2, text: 'ça va' },
      ],
    };
    // Act
    const o = await respond(payload);
    // Assess
    expect(o.error, 'respondWithJson must not throw for a small payload').toBeUndefined();
    expect(o.result?.statusCode, 'status code of a small response').toBe(200);
    expect(header(o.result as never, 'content-type'), 'content-type').toMatch(/^application\/json/);
    expect(JSON.parse(o.result?.body ?? 'null'), 'the body: the payload as JSON').toEqual(payload);
    expect(o.puts.length, 'PutObject calls for a small response').toBe(0);
  });

  it('measures the size in UTF-8 bytes, not characters', async () => {
    // Prepare: 3.5 million characters, but "é" is 2 bytes in UTF-8: 7,000,000 bytes
    const payload = { text: 'é'.repeat(3_500_000) };
    // Act
    const o = await respond(payload);
    // Assess
    expectOffloaded(
      o,
      'a response of 3.5 million characters that is 7,000,000 bytes in UTF-8, over the 6,291,456-byte limit (string.length counts characters; Buffer.byteLength counts bytes)',
    );
  });

  it('counts the serialized response, escaped quotes included', async () => {
    // Prepare: a 4,600,001-byte JSON body full of quotes. Inside the response object the body is
    // a JSON string, so each quote is escaped (\"): the response Lambda checks is 6.9 million bytes.
    const payload = Array.from({ length: 1_150_000 }, () => 'a');
    // Act
    const o = await respond(payload);
    // Assess
    expectOffloaded(
      o,
      `a body of ${fmt(Buffer.byteLength(JSON.stringify(payload)))} whose response object serialises to about ${fmt(Buffer.byteLength(JSON.stringify({ statusCode: 200, body: JSON.stringify(payload) })))}, over the 6,291,456-byte limit (measure JSON.stringify(response), not the body alone)`,
    );
  });

  it('keeps a safety margin below the 6 MB limit', async () => {
    // Prepare: a response about 3 KB under the limit (whatever headers it carries), so that any
    // margin from about 4 KB up offloads it…
    const near = await respond({ text: 'x'.repeat(LIMIT - 3072 - 30) });
    // Assess: …is too close: a margin keeps away from the last bytes of a limit
    expectOffloaded(
      near,
      `a response about 3 KB under the ${LIMIT}-byte limit (keep a safety margin, such as 64 KiB)`,
    );
    // …but a response more than 512 KiB under the limit (1 KiB more, for its envelope and
    // headers, so that a 512 KiB margin passes too) is still returned inline: the margin is not
    // the whole budget.
    s3Mock.resetHistory();
    const length = LIMIT - 512 * 1024 - 1024;
    const fits = await respond({ text: 'x'.repeat(length) });
    expect(
      fits.puts.length,
      `PutObject calls for a response more than 512 KiB under the limit (${describeOutcome(fits)}): it fits, return it inline`,
    ).toBe(0);
    expect(
      (JSON.parse(fits.result?.body ?? '{}') as { text?: string }).text?.length,
      'the inline body of a response more than 512 KiB under the limit',
    ).toBe(length);
  });

  it('uploads the body to S3 and returns a presigned GET URL that expires', async () => {
    // Prepare: about 7,000,000 bytes of rows
    const payload = {
      title: 'Big report',
      rows: Array.from({ length: 70_000 }, (_, id) => ({ id, text: `row ${id} `.padEnd(80, '.') })),
    };
    // Act
    const o = await respond(payload);
    // Assess: the object really was written, whole, as JSON
    expect(o.error, 'respondWithJson must not throw for a large payload').toBeUndefined();
    expect(o.puts.length, 'PutObject calls for a response of about 7,000,000 bytes').toBe(1);
    const put = o.puts[0]!;
    expect(put.Bucket, 'PutObject Bucket').toBe(BUCKET);
    expect(put.Key, 'PutObject Key').toBe(KEY);
    expect(String(put.ContentType), 'PutObject ContentType (so a browser shows JSON)').toMatch(
      /^application\/json/,
    );
    const text = bodyText(put.Body);
    expect(text, 'PutObject Body: the JSON text (a string or a Buffer)').toBeDefined();
    expect(
      JSON.stringify(JSON.parse(text ?? 'null')) === JSON.stringify(payload),
      'the object stored in S3 holds the whole payload as JSON',
    ).toBe(true);

    // …and the response carries a presigned GET URL for that object, with a short expiry.
    expect(
      o.result?.statusCode,
      'status code of an offloaded response (200, or a 3xx with Location)',
    ).toBeGreaterThanOrEqual(200);
    expect(
      o.url,
      `a download URL in the response body's "url" (or a Location header); ${describeOutcome(o)}`,
    ).toBeDefined();
    const url = new URL(o.url!);
    expect(url.protocol, 'the URL’s protocol').toBe('https:');
    expect(
      url.hostname.startsWith(`${BUCKET}.`) || url.pathname.startsWith(`/${BUCKET}/`),
      `the URL points at the bucket ${BUCKET}: ${o.url!.slice(0, 120)}`,
    ).toBe(true);
    expect(
      decodeURIComponent(url.pathname).endsWith(`/${KEY}`),
      'the URL points at the uploaded key',
    ).toBe(true);
    expect(
      url.searchParams.get('X-Amz-Signature'),
      'a signed URL (X-Amz-Signature): presign it with getSignedUrl',
    ).toBeTruthy();
    const expires = Number(url.searchParams.get('X-Amz-Expires'));
    expect(
      expires > 0 && expires <= 3600,
      `the URL's expiry (X-Amz-Expires) in seconds: short, at most an hour, got ${url.searchParams.get('X-Amz-Expires')}`,
    ).toBe(true);
    const operation = url.searchParams.get('x-id');
    expect(
      operation === null || operation === 'GetObject',
      `a URL to download the object (presign a GetObjectCommand), not to ${operation}`,
    ).toBe(true);
  });
});
