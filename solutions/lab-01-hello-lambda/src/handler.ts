/**
 * Lab 01 reference solution: one handler for API Gateway REST APIs (payload format 1.0) and
 * HTTP APIs (payload format 2.0).
 */
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  Context,
} from 'aws-lambda';

export type ApiEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2;

const ALLOWED_METHODS = ['GET', 'POST', 'OPTIONS'];

// #region cors
// Every response goes through json() or empty(), so the CORS header is never forgotten on an
// error path (the browser would otherwise hide the error body from the front end).
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': ALLOWED_METHODS.join(', '),
  'access-control-allow-headers': 'content-type, authorization',
};

function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...CORS_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}
// #endregion cors

function empty(statusCode: number): APIGatewayProxyResult {
  return { statusCode, headers: { ...CORS_HEADERS, 'access-control-max-age': '600' }, body: '' };
}

interface Request {
  method: string;
  query: Record<string, string | undefined>;
  pathParameters: Record<string, string | undefined>;
  body: string | null;
}

function objectOrEmpty(value: unknown): Record<string, string | undefined> {
  return value !== null && typeof value === 'object'
    ? (value as Record<string, string | undefined>)
    : {};
}

// #region normalise
/** Reads the fields this handler needs from either payload format. */
function normalise(event: ApiEvent): Request {
  const v2 = (event as { version?: unknown }).version === '2.0';
  const method = v2
    ? (event as APIGatewayProxyEventV2).requestContext?.http?.method
    : (event as APIGatewayProxyEvent).httpMethod;
  let body = typeof event.body === 'string' ? event.body : null;
  if (body !== null && event.isBase64Encoded) body = Buffer.from(body, 'base64').toString('utf8');
  return {
    method: String(method ?? '').toUpperCase(),
    query: objectOrEmpty(event.queryStringParameters),
    pathParameters: objectOrEmpty(event.pathParameters),
    body,
  };
}
// #endregion normalise

function parseName(body: string | null): { name: string } | { error: string } {
  if (body === null || body.trim() === '')
    return { error: 'Send a JSON body such as {"name": "Ada"}.' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { error: 'The body is not valid JSON.' };
  }
  const name = (parsed as { name?: unknown } | null)?.name;
  if (typeof name !== 'string' || name.trim() === '')
    return { error: 'The body needs a non-empty "name" string.' };
  return { name: name.trim() };
}

export const handler = async (
  event: ApiEvent,
  context: Context,
): Promise<APIGatewayProxyResult> => {
  // A misconfigured trigger can send anything; answer 4xx rather than crash.
  const request = normalise(event !== null && typeof event === 'object' ? event : ({} as ApiEvent));
  const requestId = context?.awsRequestId;
  switch (request.method) {
    case 'OPTIONS':
      return empty(204);
    case 'GET': {
      const name = request.pathParameters.name ?? request.query.name ?? 'world';
      return json(200, { message: `Hello, ${name}!`, requestId });
    }
    case 'POST': {
      const result = parseName(request.body);
      if ('error' in result) return json(400, { error: result.error, requestId });
      return json(200, { message: `Hello, ${result.name}!`, requestId });
    }
    default:
      return json(
        405,
        { error: `Method ${request.method || '(none)'} is not allowed.`, requestId },
        { allow: ALLOWED_METHODS.join(', ') },
      );
  }
};
