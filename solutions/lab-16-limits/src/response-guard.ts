/**
 * Lab 16 reference solution, part 1: a response guard. A synchronous Lambda response is limited
 * to 6 MB; a larger result goes to S3 and the caller gets a short-lived presigned GET URL.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { LAMBDA_LIMITS } from './limits.ts';

// #region budget
/**
 * Headroom under the limit: Lambda's own serialisation, headers added later, the next developer's
 * extra field. Never design to the last byte of a limit.
 */
export const RESPONSE_SAFETY_MARGIN_BYTES = 64 * 1024;

/** The largest response returned inline. */
export const MAX_INLINE_RESPONSE_BYTES =
  LAMBDA_LIMITS.syncResponse.value - RESPONSE_SAFETY_MARGIN_BYTES;

/** How long a download link works. A presigned URL is a bearer token: keep it short. */
export const DOWNLOAD_URL_EXPIRY_SECONDS = 15 * 60;
// #endregion budget

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

// #region measure
/**
 * The size Lambda checks: the response object serialised as JSON, in UTF-8 bytes. The body is a
 * string inside that JSON, so every quote and backslash in it is escaped once more, and a
 * character such as "é" is 2 bytes (string.length counts it as 1).
 */
export function responseBytes(response: unknown): number {
  return Buffer.byteLength(JSON.stringify(response), 'utf8');
}
// #endregion measure

// #region respond
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
  if (responseBytes(inline) <= MAX_INLINE_RESPONSE_BYTES) return inline;

  const expiresIn = options.expiresInSeconds ?? DOWNLOAD_URL_EXPIRY_SECONDS;
  // Upload first: a link to an object that was never written is a 404 for the client.
  await options.s3.send(
    new PutObjectCommand({
      Bucket: options.bucket,
      Key: options.key,
      Body: body,
      ContentType: 'application/json',
    }),
  );
  // A GET URL (not PUT): the client downloads. Signing is local; no request to S3 here.
  const url = await getSignedUrl(
    options.s3,
    new GetObjectCommand({ Bucket: options.bucket, Key: options.key }),
    { expiresIn },
  );
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url, expiresInSeconds: expiresIn, sizeBytes: Buffer.byteLength(body) }),
  };
}
// #endregion respond

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
