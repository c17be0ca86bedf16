/**
 * Module 1 example: which code runs once per execution environment (INIT) and which runs on
 * every invocation. Shown on the module page through its #region blocks.
 */
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';

interface Settings {
  greeting: string;
  maxNameLength: number;
}

function readSettings(env: NodeJS.ProcessEnv): Settings {
  const maxNameLength = Number(env.MAX_NAME_LENGTH ?? 40);
  if (!Number.isInteger(maxNameLength) || maxNameLength < 1) {
    // Failing here fails INIT: the function never serves a request with a broken setting.
    throw new Error(`MAX_NAME_LENGTH must be a positive integer, got "${env.MAX_NAME_LENGTH}"`);
  }
  return { greeting: env.GREETING ?? 'Hello', maxNameLength };
}

// #region init
// Module scope runs once per execution environment, during INIT, before the first event.
// Everything created here is reused by every invocation this environment serves.
const settings = readSettings(process.env);
const environmentStartedAt = Date.now();
let servedByThisEnvironment = 0;
// #endregion init

// #region handler
export const handler = async (
  event: APIGatewayProxyEventV2,
  context: Context,
): Promise<APIGatewayProxyStructuredResultV2> => {
  // Runs once per invocation. Request data lives in local variables only.
  servedByThisEnvironment += 1;
  const name = (event.queryStringParameters?.name ?? 'world').slice(0, settings.maxNameLength);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      message: `${settings.greeting}, ${name}!`,
      requestId: context.awsRequestId,
      servedByThisEnvironment,
      environmentAgeMs: Date.now() - environmentStartedAt,
    }),
  };
};
// #endregion handler

// #region leak
// A bug that only appears when environments are reused: per-request data kept at module
// scope. The second caller served by this environment sees the first caller's name.
let lastVisitor: string | undefined;

export const leakyHandler = async (
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> => {
  const previous = lastVisitor;
  lastVisitor = event.queryStringParameters?.name;
  return { statusCode: 200, body: JSON.stringify({ welcomeBack: previous }) };
};
// #endregion leak
