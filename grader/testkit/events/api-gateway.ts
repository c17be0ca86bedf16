/**
 * API Gateway proxy events, field for field as API Gateway sends them: REST APIs use payload
 * format 1.0 (`httpMethod`, `multiValueHeaders`, …), HTTP APIs use 2.0 (`rawPath`,
 * `requestContext.http`, `cookies`, comma-joined repeated headers).
 */
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { nextId } from './ids.ts';

export interface HttpRequestSpec {
  method?: string;
  /** The request path, e.g. `/items/42`. */
  path?: string;
  /** The route template: `/items/{id}` (REST `resource`, HTTP API `routeKey`). */
  route?: string;
  pathParameters?: Record<string, string>;
  /** Query parameters; an array means the parameter was repeated. */
  query?: Record<string, string | string[]>;
  headers?: Record<string, string | string[]>;
  /** A string body as sent, or an object to send as JSON. */
  body?: string | object | null;
  /** Send the body base64-encoded (binary media types, or HTTP APIs with non-text bodies). */
  base64?: boolean;
  requestId?: string;
  sourceIp?: string;
  stage?: string;
  /** Epoch milliseconds of the request. */
  time?: number;
}

function bodyOf(spec: HttpRequestSpec): { body: string | null; isBase64Encoded: boolean } {
  if (spec.body === undefined || spec.body === null) return { body: null, isBase64Encoded: false };
  const text = typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
  if (spec.base64)
    return { body: Buffer.from(text, 'utf8').toString('base64'), isBase64Encoded: true };
  return { body: text, isBase64Encoded: false };
}

function defaultHeaders(spec: HttpRequestSpec): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {
    accept: 'application/json',
    host: 'abc123def4.execute-api.eu-west-1.amazonaws.com',
    'user-agent': 'course-testkit/1.0',
    'x-forwarded-for': spec.sourceIp ?? '198.51.100.7',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
  };
  if (spec.body !== undefined && spec.body !== null && typeof spec.body !== 'string') {
    headers['content-type'] = 'application/json';
  }
  return { ...headers, ...(spec.headers ?? {}) };
}

function queryString(query: Record<string, string | string[]>): string {
  return Object.entries(query)
    .flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`),
    )
    .join('&');
}

function formatDate(ms: number): string {
  const d = new Date(ms);
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** A REST API (payload format 1.0) proxy event. */
export function apiGatewayV1Event(spec: HttpRequestSpec = {}): APIGatewayProxyEvent {
  const method = (spec.method ?? 'GET').toUpperCase();
  const path = spec.path ?? '/';
  const stage = spec.stage ?? 'prod';
  const time = spec.time ?? Date.UTC(2026, 10, 2, 9, 30, 0);
  const headers = defaultHeaders(spec);
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    const values = Array.isArray(value) ? value : [value];
    single[name] = values[values.length - 1]!;
    multi[name] = values;
  }
  const query = spec.query;
  const queryStringParameters = query
    ? Object.fromEntries(
        Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[v.length - 1]! : v]),
      )
    : null;
  const multiValueQueryStringParameters = query
    ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]))
    : null;
  const resource = spec.route ?? path;
  return {
    resource,
    path,
    httpMethod: method,
    headers: single,
    multiValueHeaders: multi,
    queryStringParameters,
    multiValueQueryStringParameters,
    pathParameters: spec.pathParameters ?? null,
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123def4',
      authorizer: null,
      domainName: 'abc123def4.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123def4',
      extendedRequestId: `${nextId('ext')}=`,
      httpMethod: method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: spec.sourceIp ?? '198.51.100.7',
        user: null,
        userAgent: 'course-testkit/1.0',
        userArn: null,
      },
      path: `/${stage}${path}`,
      protocol: 'HTTP/1.1',
      requestId: spec.requestId ?? nextId('apigw-request'),
      requestTime: formatDate(time),
      requestTimeEpoch: time,
      resourceId: 'a1b2c3',
      resourcePath: resource,
      stage,
    },
    ...bodyOf(spec),
  };
}

/** An HTTP API (payload format 2.0) event. */
export function apiGatewayV2Event(spec: HttpRequestSpec = {}): APIGatewayProxyEventV2 {
  const method = (spec.method ?? 'GET').toUpperCase();
  const path = spec.path ?? '/';
  const time = spec.time ?? Date.UTC(2026, 10, 2, 9, 30, 0);
  const raw = defaultHeaders(spec);
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const lower = name.toLowerCase();
    const values = Array.isArray(value) ? value : [value];
    // HTTP APIs move cookies to their own field and join other repeated headers with commas.
    if (lower === 'cookie') cookies.push(...values.flatMap((v) => v.split(/;\s*/)));
    else headers[lower] = values.join(',');
  }
  const query = spec.query;
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: spec.route ? `${method} ${spec.route}` : '$default',
    rawPath: path,
    rawQueryString: query ? queryString(query) : '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123def4',
      domainName: 'abc123def4.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123def4',
      http: {
        method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: spec.sourceIp ?? '198.51.100.7',
        userAgent: 'course-testkit/1.0',
      },
      requestId: spec.requestId ?? nextId('apigw-request'),
      routeKey: spec.route ? `${method} ${spec.route}` : '$default',
      stage: spec.stage ?? '$default',
      time: formatDate(time),
      timeEpoch: time,
    },
    isBase64Encoded: false,
  };
  if (cookies.length > 0) event.cookies = cookies;
  if (query) {
    event.queryStringParameters = Object.fromEntries(
      Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
    );
  }
  if (spec.pathParameters) event.pathParameters = spec.pathParameters;
  const body = bodyOf(spec);
  if (body.body !== null) event.body = body.body;
  event.isBase64Encoded = body.isBase64Encoded;
  return event;
}
