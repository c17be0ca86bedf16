/**
 * Lab 15 reference solution: an orders endpoint (POST /orders behind API Gateway) that a person
 * on call can debug from its output alone: structured logs with a correlation id, DEBUG logs
 * sampled per invocation, and metrics in Embedded Metric Format flushed once per invocation.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { Logger, parseLevel, parseSampleRate } from './logger.ts';
import { Metrics, MetricUnit } from './metrics.ts';

export type ApiEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2;

export interface ApiResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface OrderItem {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface Order {
  orderId: string;
  customerId: string;
  items: OrderItem[];
  totalCents: number;
}

export interface HandlerOptions {
  /** A number in [0, 1) for the DEBUG sampling decision (default Math.random). */
  random?: () => number;
  /** Stores the order (default: nowhere; a real service would write to DynamoDB). */
  saveOrder?: (order: Order) => Promise<void>;
}

// Module scope: once per execution environment.
const serviceName = process.env.POWERTOOLS_SERVICE_NAME || 'orders';
const namespace = process.env.POWERTOOLS_METRICS_NAMESPACE || 'CourseShop';
let coldStart = true;

// #region correlation-id
/**
 * The id that follows one business request through every function and service. Precedence: the
 * caller's own `x-correlation-id` header (so a chain of services shares one id), else API
 * Gateway's request id for this request, else a new one (a direct invoke has neither).
 */
export function correlationIdOf(event: unknown): string {
  const e = (event ?? {}) as {
    headers?: Record<string, string | undefined> | null;
    requestContext?: { requestId?: unknown } | null;
  };
  // Header names are case-insensitive: REST APIs pass them as the client sent them, HTTP APIs
  // lower-case them.
  const headers = e.headers && typeof e.headers === 'object' ? e.headers : {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'x-correlation-id' && typeof value === 'string' && value.trim())
      return value.trim();
  }
  const requestId = e.requestContext?.requestId;
  if (typeof requestId === 'string' && requestId) return requestId;
  return randomUUID();
}
// #endregion correlation-id

function parseOrder(body: string | null | undefined): Omit<Order, 'orderId'> | { error: string } {
  let input: unknown;
  try {
    input = JSON.parse(body ?? '');
  } catch {
    return { error: 'The body must be JSON.' };
  }
  const { customerId, items } = (input ?? {}) as { customerId?: unknown; items?: unknown };
  if (typeof customerId !== 'string' || customerId === '')
    return { error: 'customerId must be a non-empty string.' };
  if (!Array.isArray(items) || items.length === 0)
    return { error: 'items must be a non-empty list.' };
  for (const item of items as Partial<OrderItem>[]) {
    if (
      typeof item?.sku !== 'string' ||
      !Number.isInteger(item.quantity) ||
      (item.quantity ?? 0) < 1 ||
      !Number.isInteger(item.unitPriceCents) ||
      (item.unitPriceCents ?? -1) < 0
    )
      return { error: 'each item needs a sku, a quantity ≥ 1 and a unitPriceCents ≥ 0.' };
  }
  const valid = items as OrderItem[];
  const totalCents = valid.reduce((sum, i) => sum + i.quantity * i.unitPriceCents, 0);
  return { customerId, items: valid, totalCents };
}

function decodeBody(event: ApiEvent): string | null | undefined {
  const { body, isBase64Encoded } = (event ?? {}) as {
    body?: string | null;
    isBase64Encoded?: boolean;
  };
  return typeof body === 'string' && isBase64Encoded
    ? Buffer.from(body, 'base64').toString('utf8')
    : body;
}

export function createHandler(options: HandlerOptions = {}) {
  const random = options.random ?? Math.random;
  const saveOrder = options.saveOrder ?? (async () => {});
  const logger = new Logger({
    serviceName,
    level: parseLevel(process.env.LOG_LEVEL),
    debugSampleRate: parseSampleRate(process.env.LOG_DEBUG_SAMPLE_RATE),
    random,
  });
  const metrics = new Metrics({ namespace, dimensions: { service: serviceName } });

  // #region handler
  return async (event: ApiEvent, context: Context): Promise<ApiResponse> => {
    const isColdStart = coldStart;
    coldStart = false;
    const correlationId = correlationIdOf(event);
    logger.startInvocation({
      function_request_id: context.awsRequestId,
      function_name: context.functionName,
      correlation_id: correlationId,
      cold_start: isColdStart,
      // Lambda sets this when tracing is on: it links a log line to its X-Ray trace.
      ...(process.env._X_AMZN_TRACE_ID ? { xray_trace_id: process.env._X_AMZN_TRACE_ID } : {}),
    });
    // Like Powertools' captureColdStartMetric: counted on the cold invocation only.
    if (isColdStart) metrics.addMetric('ColdStart', MetricUnit.Count, 1);
    const started = performance.now();
    const reply = (statusCode: number, body: unknown): ApiResponse => ({
      statusCode,
      headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
      body: JSON.stringify(body),
    });

    try {
      const parsed = parseOrder(decodeBody(event));
      if ('error' in parsed) {
        logger.warn('order rejected', { reason: parsed.error });
        metrics.addMetric('OrdersRejected', MetricUnit.Count, 1);
        return reply(400, { error: parsed.error });
      }
      logger.debug('order received', {
        customerId: parsed.customerId,
        itemCount: parsed.items.length,
      });
      const order: Order = { orderId: `ord-${randomUUID()}`, ...parsed };
      logger.debug('order priced', { orderId: order.orderId, totalCents: order.totalCents });
      await saveOrder(order);
      logger.info('order placed', { orderId: order.orderId, totalCents: order.totalCents });
      metrics.addMetric('OrdersPlaced', MetricUnit.Count, 1);
      // Money is not a Count: a value with no unit.
      metrics.addMetric('OrderValueCents', MetricUnit.None, order.totalCents);
      return reply(201, { orderId: order.orderId, totalCents: order.totalCents });
    } catch (error) {
      logger.error('order failed', { error });
      metrics.addMetric('OrdersFailed', MetricUnit.Count, 1);
      throw error; // the invocation fails: Lambda counts it in Errors, API Gateway answers 502
    } finally {
      // One EMF line per invocation, on every path, the throwing one included.
      metrics.addMetric('ProcessingTime', MetricUnit.Milliseconds, performance.now() - started);
      metrics.flush({ function_request_id: context.awsRequestId, correlation_id: correlationId });
      logger.endInvocation();
    }
  };
  // #endregion handler
}

export const handler = createHandler();
