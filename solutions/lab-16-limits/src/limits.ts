/**
 * Lab 16 — the Lambda limits this lab designs around, in one place, each with the date it was
 * checked and its source. Limits change (two of these changed in 2025): check the sources before
 * you rely on a number, and change it here only.
 *
 * Nothing to write here: read it, and use LAMBDA_LIMITS in the other files instead
 *   of writing numbers again. In a real project, open each source before you rely on a value;
 *   if AWS changed it, update `value` and `asOf` here, and only here.
 *
 * Sizes are in bytes, measured as Lambda measures them: 1 MB = 1,048,576 bytes (the old 256 KB
 * asynchronous limit was enforced as 262,144 bytes).
 */

export interface Limit {
  value: number;
  unit: 'bytes' | 'ms';
  /** When the value was last checked against the source (ISO date). */
  asOf: string;
  source: string;
  note?: string;
}

export const LAMBDA_LIMITS = {
  /** Synchronous invocation (RequestResponse, API Gateway, function URLs): response payload. */
  syncResponse: {
    value: 6 * 1024 * 1024, // 6,291,456 bytes
    unit: 'bytes',
    asOf: '2026-11-26',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
    note: 'The request is limited to 6 MB too. Lambda’s own error message quotes 6,291,556 bytes; design to 6 MB minus a margin, never to the last byte.',
  },
  /** Asynchronous invocation (Event), and SQS / EventBridge messages. */
  asyncPayload: {
    value: 1024 * 1024, // 1 MB since October 2025 (was 256 KB)
    unit: 'bytes',
    asOf: '2026-11-26',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html',
    note: 'SQS and EventBridge also accept 1 MB since January 2026: https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb/',
  },
  /** Response streaming (function URLs, API Gateway proxy): the whole streamed response. */
  streamedResponse: {
    value: 200 * 1024 * 1024, // 200 MB since July 2025 (was 20 MB)
    unit: 'bytes',
    asOf: '2026-11-26',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html',
    note: 'The first 6 MB stream at full speed, the rest is bandwidth-capped.',
  },
  /** All of a function's environment variables together. */
  environmentVariables: {
    value: 4 * 1024, // 4 KB
    unit: 'bytes',
    asOf: '2026-11-26',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
    note: 'An aggregate limit, not per variable. Lambda measures the JSON of the whole map: its error message prints the "String measured", e.g. {"A":"1","B":"2"}.',
  },
  /** The longest a function may run. */
  timeout: {
    value: 900_000, // 15 minutes
    unit: 'ms',
    asOf: '2026-11-26',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
  },
} as const satisfies Record<string, Limit>;
