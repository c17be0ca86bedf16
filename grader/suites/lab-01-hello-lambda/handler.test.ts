import { handler } from '@lab/lab-01-hello-lambda/src/handler';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  apiGatewayV1Event,
  apiGatewayV2Event,
  type HttpRequestSpec,
  header,
  jsonBody,
  lambdaContext,
} from '../../testkit/index.ts';

type Format = 'REST (1.0)' | 'HTTP API (2.0)';

async function call(spec: HttpRequestSpec, format: Format = 'REST (1.0)', requestId?: string) {
  const event = format === 'REST (1.0)' ? apiGatewayV1Event(spec) : apiGatewayV2Event(spec);
  const context = lambdaContext(requestId ? { awsRequestId: requestId } : {});
  const response = (await handler(event, context)) as APIGatewayProxyResult;
  expect(response, 'the handler must return a response object').toBeTypeOf('object');
  return response;
}

function greeting(response: APIGatewayProxyResult): unknown {
  return (jsonBody(response) as { message?: unknown }).message;
}

function expectJsonError(response: APIGatewayProxyResult, what: string) {
  expect(response.statusCode, `status code ${what}`).toBe(400);
  const body = jsonBody(response) as { error?: unknown };
  expect(
    typeof body.error === 'string' && body.error.length > 0,
    `a JSON body with a non-empty "error" string ${what}`,
  ).toBe(true);
}

describe('1. Answer GET /hello with JSON', () => {
  it('returns 200 with a JSON body and a JSON content type', async () => {
    // Act
    const response = await call({ method: 'GET', path: '/hello' });
    // Assess
    expect(response.statusCode, 'status code of GET /hello').toBe(200);
    expect(header(response, 'content-type'), 'content-type header').toMatch(/^application\/json/);
    expect(greeting(response), 'message of GET /hello').toBe('Hello, world!');
  });

  it('greets the name given in the query string', async () => {
    const response = await call({ method: 'GET', path: '/hello', query: { name: 'Ada' } });
    expect(greeting(response), 'message of GET /hello?name=Ada').toBe('Hello, Ada!');
  });

  it('greets the name given as a path parameter', async () => {
    const response = await call({
      method: 'GET',
      path: '/hello/Grace',
      route: '/hello/{name}',
      pathParameters: { name: 'Grace' },
    });
    expect(response.statusCode, 'status code of GET /hello/Grace').toBe(200);
    expect(greeting(response), 'message of GET /hello/Grace').toBe('Hello, Grace!');
  });

  it("includes the invocation's request id from the context", async () => {
    // Prepare: two invocations with different request ids
    const first = await call({ method: 'GET', path: '/hello' }, 'REST (1.0)', 'req-1111');
    const second = await call({ method: 'GET', path: '/hello' }, 'REST (1.0)', 'req-2222');
    // Assess
    expect((jsonBody(first) as { requestId?: unknown }).requestId, 'requestId in the body').toBe(
      'req-1111',
    );
    expect(
      (jsonBody(second) as { requestId?: unknown }).requestId,
      'requestId of the second invocation',
    ).toBe('req-2222');
  });
});

describe('2. Read the request body', () => {
  it('greets the name sent in a JSON body with POST', async () => {
    const response = await call({ method: 'POST', path: '/hello', body: { name: 'Linus' } });
    expect(response.statusCode, 'status code of POST /hello').toBe(200);
    expect(greeting(response), 'message of POST {"name":"Linus"}').toBe('Hello, Linus!');
  });

  it('decodes a base64-encoded body', async () => {
    const response = await call({
      method: 'POST',
      path: '/hello',
      body: { name: 'Margaret' },
      base64: true,
    });
    expect(response.statusCode, 'status code of a POST with isBase64Encoded: true').toBe(200);
    expect(greeting(response), 'message of a base64 POST').toBe('Hello, Margaret!');
  });

  it('answers 400 with a JSON error when the body is not JSON', async () => {
    const plain = await call({
      method: 'POST',
      path: '/hello',
      body: '{"name": "Ada"',
      headers: { 'content-type': 'application/json' },
    });
    expectJsonError(plain, 'for a body that is not valid JSON');
    const encoded = await call({ method: 'POST', path: '/hello', body: 'name=Ada', base64: true });
    expectJsonError(encoded, 'for a base64 body that is not JSON');
  });

  it('answers 400 with a JSON error when a POST has no body or no name', async () => {
    expectJsonError(await call({ method: 'POST', path: '/hello' }), 'for a POST without a body');
    expectJsonError(await call({ method: 'POST', path: '/hello', body: {} }), 'for a POST of {}');
    expectJsonError(
      await call({ method: 'POST', path: '/hello', body: { name: 42 } }),
      'for a POST whose name is not a string',
    );
  });
});

describe('3. Methods and CORS', () => {
  it('answers 405 with an Allow header for an unsupported method', async () => {
    for (const method of ['PUT', 'DELETE']) {
      const response = await call({ method, path: '/hello' });
      expect(response.statusCode, `status code of ${method} /hello`).toBe(405);
      const allow = (header(response, 'allow') ?? '').toUpperCase();
      expect(allow, `Allow header of the ${method} response`).toMatch(/\bGET\b/);
      expect(allow, `Allow header of the ${method} response`).toMatch(/\bPOST\b/);
      expect(allow, `Allow header must not list ${method}`).not.toMatch(
        new RegExp(`\\b${method}\\b`),
      );
    }
  });

  it('answers a CORS preflight (OPTIONS) with 204 and the allowed methods and headers', async () => {
    const response = await call({
      method: 'OPTIONS',
      path: '/hello',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.statusCode, 'status code of the preflight').toBe(204);
    expect(
      header(response, 'access-control-allow-origin'),
      'Access-Control-Allow-Origin',
    ).toBeTruthy();
    expect(
      (header(response, 'access-control-allow-methods') ?? '').toUpperCase(),
      'Access-Control-Allow-Methods',
    ).toMatch(/\bPOST\b/);
    expect(
      (header(response, 'access-control-allow-headers') ?? '').toLowerCase(),
      'Access-Control-Allow-Headers',
    ).toMatch(/content-type|\*/);
  });

  it('sends Access-Control-Allow-Origin on every response, errors included', async () => {
    const responses = {
      'a 200': await call({ method: 'GET', path: '/hello' }),
      'a 400': await call({ method: 'POST', path: '/hello', body: 'not json' }),
      'a 405': await call({ method: 'PATCH', path: '/hello' }),
    };
    for (const [what, response] of Object.entries(responses)) {
      expect(
        header(response, 'access-control-allow-origin'),
        `Access-Control-Allow-Origin on ${what}`,
      ).toBeTruthy();
    }
  });
});

describe('4. One handler for both payload formats', () => {
  it('serves an HTTP API (payload 2.0) GET the same way as a REST API GET', async () => {
    const plain = await call({ method: 'GET', path: '/hello' }, 'HTTP API (2.0)');
    expect(plain.statusCode, 'status code of a 2.0 GET /hello').toBe(200);
    expect(greeting(plain), 'message of a 2.0 GET /hello').toBe('Hello, world!');
    const named = await call(
      { method: 'GET', path: '/hello', query: { name: 'Ada' } },
      'HTTP API (2.0)',
      'req-v2',
    );
    expect(greeting(named), 'message of a 2.0 GET /hello?name=Ada').toBe('Hello, Ada!');
    expect(
      (jsonBody(named) as { requestId?: unknown }).requestId,
      'requestId of a 2.0 request',
    ).toBe('req-v2');
  });

  it('serves an HTTP API (payload 2.0) POST with a base64 body', async () => {
    const response = await call(
      { method: 'POST', path: '/hello', body: { name: 'Barbara' }, base64: true },
      'HTTP API (2.0)',
    );
    expect(response.statusCode, 'status code of a 2.0 base64 POST').toBe(200);
    expect(greeting(response), 'message of a 2.0 base64 POST').toBe('Hello, Barbara!');
    expectJsonError(
      await call({ method: 'POST', path: '/hello', body: '{oops' }, 'HTTP API (2.0)'),
      'for a 2.0 POST that is not JSON',
    );
  });

  it('answers 405 for an HTTP API (payload 2.0) request with an unsupported method', async () => {
    const response = await call({ method: 'DELETE', path: '/hello' }, 'HTTP API (2.0)');
    expect(response.statusCode, 'status code of a 2.0 DELETE').toBe(405);
    expect((header(response, 'allow') ?? '').toUpperCase(), 'Allow header of a 2.0 405').toMatch(
      /\bGET\b/,
    );
  });
});
