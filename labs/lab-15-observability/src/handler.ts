/**
 * Lab 15 — Observability, part 3: the orders endpoint (POST /orders behind API Gateway).
 * Read labs/lab-15-observability/README.md first. Grade with: npm run grade lab-15
 *
 * The business logic is written. Your job is what a person on call needs: structured logs with
 * a correlation id, DEBUG sampling, and metrics flushed once per invocation.
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
// TODO(lab-15): task 1 — a module-scope flag that tells the cold invocation from warm ones.

/** The id that follows one business request through every function and service. */
export function correlationIdOf(event: unknown): string {
  // TODO(lab-15): task 1 — the x-correlation-id header (names are case-insensitive: REST APIs
  //   keep the client's case), else event.requestContext.requestId, else randomUUID().
  return '';
}

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

  return async (event: ApiEvent, context: Context): Promise<ApiResponse> => {
    // TODO(lab-15): task 1 — work out the correlation id and whether this invocation is cold,
    //   then logger.startInvocation({ function_request_id, function_name, correlation_id,
    //   cold_start }) from the context.
    // TODO(lab-15): task 3 — on the cold invocation only, a ColdStart metric (Count, 1).
    const started = performance.now();
    // TODO(lab-15): task 1 — send the correlation id back in an x-correlation-id header.
    const reply = (statusCode: number, body: unknown): ApiResponse => ({
      statusCode,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

    // TODO(lab-15): task 3 — every path must flush the metrics exactly once, the throwing one
    //   included: add ProcessingTime (Milliseconds) and call metrics.flush() in a `finally`, then
    //   logger.endInvocation().
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
      metrics.addMetric('OrderValueCents', MetricUnit.None, order.totalCents);
      return reply(201, { orderId: order.orderId, totalCents: order.totalCents });
    } catch (error) {
      logger.error('order failed', { error });
      metrics.addMetric('OrdersFailed', MetricUnit.Count, 1);
      throw error;
    }
  };
}

export const handler = createHandler();
