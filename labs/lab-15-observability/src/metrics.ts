/**
 * Lab 15 — Observability, part 2: metrics in CloudWatch Embedded Metric Format (EMF).
 * Read labs/lab-15-observability/README.md first. Grade with: npm run grade lab-15
 */

/** The units CloudWatch accepts, as EMF spells them (a few of them). */
export const MetricUnit = {
  Count: 'Count',
  Milliseconds: 'Milliseconds',
  Seconds: 'Seconds',
  Microseconds: 'Microseconds',
  Bytes: 'Bytes',
  Kilobytes: 'Kilobytes',
  Megabytes: 'Megabytes',
  Percent: 'Percent',
  CountPerSecond: 'Count/Second',
  None: 'None',
} as const;
export type MetricUnit = (typeof MetricUnit)[keyof typeof MetricUnit];

export interface MetricsOptions {
  namespace: string;
  /** Dimension name → value, the same for every metric (keep them low-cardinality). */
  dimensions: Record<string, string>;
}

export class Metrics {
  protected readonly options: MetricsOptions;
  #stored = new Map<string, { unit: MetricUnit; values: number[] }>();

  constructor(options: MetricsOptions) {
    this.options = options;
  }

  /** Buffers a value; the same name twice keeps both values (EMF allows an array). */
  addMetric(name: string, unit: MetricUnit, value: number): void {
    const stored = this.#stored.get(name);
    if (stored) stored.values.push(value);
    else this.#stored.set(name, { unit, values: [value] });
  }

  /**
   * Prints the buffered metrics as ONE EMF document and empties the buffer. `properties` go to
   * the top level as searchable fields (not dimensions).
   */
  flush(properties: Record<string, unknown> = {}): void {
    // TODO(lab-15): task 3 — nothing stored, nothing to print.
    // TODO(lab-15): task 3 — build one JSON object:
    //   { ...properties,
    //     _aws: { Timestamp: <epoch MILLISECONDS>,
    //             CloudWatchMetrics: [{ Namespace, Dimensions: [[...dimension names]],
    //                                   Metrics: [{ Name, Unit }, …] }] },
    //     <each dimension name>: <its value>,  <each metric name>: <its value or values> }
    //   The values sit at the TOP level, next to _aws, never inside it.
    // TODO(lab-15): task 3 — print it as one line (process.stdout.write), then empty the buffer.
  }
}
