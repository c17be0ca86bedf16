/**
 * Lab 16 — Limits, part 1: a response guard for the 6 MB synchronous response limit.
 * Read labs/lab-16-limits/README.md first. Grade with: npm run grade lab-16
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { LAMBDA_LIMITS } from './limits.ts';

// TODO(lab-16): task 1 — keep a safety margin under LAMBDA_LIMITS.syncResponse.value (the README
//   suggests 64 KiB) and derive the largest response you return inline from it.
export const RESPONSE_SAFETY_MARGIN_BYTES = 0;
export const MAX_INLINE_RESPONSE_BYTES = LAMBDA_LIMITS.syncResponse.value;

/** How long a download link works. A presigned URL is a bearer token: keep it short. */
export const DOWNLOAD_URL_EXPIRY_SECONDS = 15 * 60;

export interface ApiResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface RespondOptions {
  s3: S3Client;
  bucket: string;
  /** Where a large body is stored, e.g. `responses/<request id>.json`. */
  key: string;
  expiresInSeconds?: number;
}

/** The size Lambda checks for a response. */
export function responseBytes(response: unknown): number {
  // TODO(lab-16): task 1 — Lambda measures the whole response object serialised as JSON, in
  //   UTF-8 bytes. string.length counts UTF-16 code units, not bytes: 'é'.length is 1, but it
  //   is 2 bytes. Buffer.byteLength(text, 'utf8') counts bytes.
  return JSON.stringify(response).length;
}

/** A 200 response with `payload` as JSON: inline when it fits, else through S3. */
export async function respondWithJson(
  payload: unknown,
  options: RespondOptions,
): Promise<ApiResponse> {
  const body = JSON.stringify(payload) ?? 'null';
  const inline: ApiResponse = {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body,
  };
  // TODO(lab-16): task 1 — return `inline` only when responseBytes(inline) fits under
  //   MAX_INLINE_RESPONSE_BYTES.
  // TODO(lab-16): task 1 — otherwise upload `body` to options.bucket / options.key with
  //   PutObjectCommand (ContentType: 'application/json'), presign a GetObjectCommand for the same
  //   object with getSignedUrl(options.s3, command, { expiresIn }), and return a 200 whose JSON
  //   body is { url, expiresInSeconds }.
  throw new Error('TODO(lab-16): respondWithJson is not implemented yet (src/response-guard.ts)');
}

/** A demo report: `rows` rows of text, about 100 bytes each. */
export function buildReport(rows: number): { title: string; rows: { id: number; text: string }[] } {
  const count = Math.max(0, Math.min(Number.isFinite(rows) ? Math.floor(rows) : 0, 200_000));
  return {
    title: `Report with ${count} rows`,
    rows: Array.from({ length: count }, (_, id) => ({
      id,
      text: `Row ${id}: the quick brown fox jumps over the lazy dog, « naïve café » édition.`,
    })),
  };
}

const s3 = new S3Client({});

/** GET /report?rows=N: 60,000 rows is about 6.5 MB, past the limit. */
export const handler = async (
  event: APIGatewayProxyEventV2,
  context: Context,
): Promise<ApiResponse> => {
  const rows = Number(event?.queryStringParameters?.rows ?? 10);
  return respondWithJson(buildReport(rows), {
    s3,
    bucket: process.env.RESPONSES_BUCKET ?? '',
    key: `responses/${context.awsRequestId}.json`,
  });
};
