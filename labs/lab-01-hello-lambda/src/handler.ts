/**
 * Lab 01 — Hello, Lambda. Read the lab text first: labs/lab-01-hello-lambda/README.md
 * (or the lab page on the course site). Grade your work with: npm run grade lab-01
 */
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  Context,
} from 'aws-lambda';

/** API Gateway sends payload format 1.0 (REST APIs) or 2.0 (HTTP APIs). */
export type ApiEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2;

// TODO(lab-01): task 3 — build every response through one helper that adds the CORS headers
// (access-control-allow-origin at least) and the JSON content type.

// TODO(lab-01): task 4 — normalise both payload formats into one small request object:
// method (event.httpMethod or event.requestContext.http.method), query, path parameters, and
// the body (decoded from base64 when event.isBase64Encoded is true).

export const handler = async (
  event: ApiEvent,
  context: Context,
): Promise<APIGatewayProxyResult> => {
  // TODO(lab-01): task 1 — GET answers 200 with {"message": "Hello, <name>!", "requestId": …},
  //   the name from the path parameter, then the query string, else "world".
  // TODO(lab-01): task 2 — POST reads {"name": "…"} from the body; a missing body, invalid
  //   JSON or a missing name is a 400 with a JSON {"error": "…"} body.
  // TODO(lab-01): task 3 — OPTIONS answers 204 (CORS preflight); any other method is a 405
  //   with an Allow header listing the methods you support.
  return { statusCode: 501, body: 'Not implemented yet: see TODO(lab-01) in src/handler.ts' };
};
