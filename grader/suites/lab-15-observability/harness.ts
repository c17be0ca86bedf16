/**
 * How the lab-15 suite plays Lambda: a new execution environment is a fresh import of the
 * learner's handler module (testkit coldStart) with the environment variables set first; each
 * invocation's output is captured on its own (console.* and process.stdout/stderr writes) and
 * split into log lines and EMF documents.
 */
import type { Context } from 'aws-lambda';
import { isEmfDocument } from '../../testkit/emf.ts';
import { captureLogs, coldStart, lambdaContext } from '../../testkit/index.ts';

export const SERVICE = 'orders-api';
export const NAMESPACE = 'CourseShop';
export const FUNCTION_NAME = 'orders-api-prod';

/** The metric names the README asks for, besides ColdStart. */
export const BUSINESS_METRICS = [
  'OrdersPlaced',
  'OrderValueCents',
  'OrdersRejected',
  'OrdersFailed',
  'ProcessingTime',
];

export const VALID_ORDER = {
  customerId: 'cus-42',
  items: [
    { sku: 'BOOK-1', quantity: 2, unitPriceCents: 1250 },
    { sku: 'PEN-7', quantity: 1, unitPriceCents: 399 },
  ],
};
export const VALID_TOTAL = 2 * 1250 + 399;

type Handler = (event: unknown, context: Context) => Promise<unknown>;
interface HandlerModule {
  createHandler(options?: {
    random?: () => number;
    saveOrder?: (order: unknown) => Promise<void>;
  }): Handler;
}

export interface Invocation {
  /** The handler's return value (undefined when it threw). */
  result: { statusCode?: number; headers?: Record<string, unknown>; body?: string } | undefined;
  error: unknown;
  /** Every non-empty line written, as text. */
  texts: string[];
  /** Lines that are not JSON objects. */
  unparseable: string[];
  /** JSON lines that are log entries (no `_aws`). */
  logs: Record<string, unknown>[];
  /** JSON lines that are EMF documents. */
  emf: Record<string, unknown>[];
}

const MANAGED_ENV = [
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_METRICS_NAMESPACE',
  'LOG_LEVEL',
  'LOG_DEBUG_SAMPLE_RATE',
  'POWERTOOLS_LOG_LEVEL',
  'AWS_LAMBDA_LOG_LEVEL',
  'POWERTOOLS_LOGGER_SAMPLE_RATE',
  'POWERTOOLS_DEV',
  '_X_AMZN_TRACE_ID',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
];

/** Restores the environment variables an environment set (call in afterEach). */
export function resetEnvironment(): void {
  for (const name of MANAGED_ENV) delete process.env[name];
}

export interface EnvironmentOptions {
  env?: Record<string, string>;
  random?: () => number;
  saveOrder?: (order: unknown) => Promise<void>;
}

/** A brand-new execution environment of the learner's function. */
export async function newEnvironment(options: EnvironmentOptions = {}) {
  resetEnvironment();
  Object.assign(process.env, {
    // What Lambda itself sets in every execution environment (Powertools, for one, counts a cold
    // start only when the initialization type is on-demand).
    AWS_LAMBDA_FUNCTION_NAME: FUNCTION_NAME,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    POWERTOOLS_SERVICE_NAME: SERVICE,
    POWERTOOLS_METRICS_NAMESPACE: NAMESPACE,
    ...options.env,
  });
  const module = (await coldStart(
    () => import('@lab/lab-15-observability/src/handler.ts'),
  )) as unknown as HandlerModule;
  const handler = module.createHandler({
    random: options.random ?? (() => 0.99),
    saveOrder: options.saveOrder ?? (async () => {}),
  });

  return async function invoke(event: unknown, requestId?: string): Promise<Invocation> {
    const context = lambdaContext({
      functionName: FUNCTION_NAME,
      ...(requestId ? { awsRequestId: requestId } : {}),
    });
    const capture = captureLogs();
    let result: Invocation['result'];
    let error: unknown;
    try {
      result = (await handler(event, context)) as Invocation['result'];
    } catch (e) {
      error = e ?? new Error('the handler threw a falsy value');
    } finally {
      capture.restore();
    }
    const texts = capture.texts().filter((t) => t.trim() !== '');
    const parsed = capture.json();
    const unparseable = texts.filter((t) => {
      try {
        const value: unknown = JSON.parse(t.trim());
        return value === null || typeof value !== 'object' || Array.isArray(value);
      } catch {
        return true;
      }
    });
    return {
      result,
      error,
      texts,
      unparseable,
      logs: parsed.filter((l) => !isEmfDocument(l)),
      emf: parsed.filter((l) => isEmfDocument(l)),
    };
  };
}

export const levelOf = (line: Record<string, unknown>) => String(line.level ?? '').toUpperCase();

/** Log lines of a given level. */
export function linesAt(invocation: Invocation, level: string): Record<string, unknown>[] {
  return invocation.logs.filter((l) => levelOf(l) === level);
}

/** Shows what came out, for assertion messages. */
export function show(invocation: Invocation): string {
  const lines = invocation.texts.slice(0, 8).map((t) => `    ${t.slice(0, 220)}`);
  const more = invocation.texts.length > 8 ? `\n    … ${invocation.texts.length - 8} more` : '';
  const thrown = invocation.error ? `\n  (the handler threw: ${String(invocation.error)})` : '';
  return lines.length === 0
    ? `nothing was written${thrown}`
    : `the output was:\n${lines.join('\n')}${more}${thrown}`;
}
