/**
 * Lab 15 reference solution: metrics in CloudWatch Embedded Metric Format (EMF), buffered during
 * an invocation and printed as ONE JSON line when flushed.
 */

/** The units CloudWatch accepts, as EMF spells them. */
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

/** The EMF specification allows at most 100 metrics per directive and 100 values per metric. */
const MAX_METRICS = 100;
const MAX_VALUES = 100;

export interface MetricsOptions {
  namespace: string;
  /** Dimension name → value, the same for every metric (keep them low-cardinality). */
  dimensions: Record<string, string>;
}

export class Metrics {
  readonly #namespace: string;
  readonly #dimensions: Record<string, string>;
  #stored = new Map<string, { unit: MetricUnit; values: number[] }>();

  constructor(options: MetricsOptions) {
    this.#namespace = options.namespace;
    this.#dimensions = { ...options.dimensions };
  }

  /** Buffers a value; the same name twice keeps both values (EMF allows an array). */
  addMetric(name: string, unit: MetricUnit, value: number): void {
    if (!Number.isFinite(value)) return; // EMF refuses NaN and Infinity: drop, never break the line
    const stored = this.#stored.get(name);
    if (stored) {
      if (stored.values.length >= MAX_VALUES) this.flush();
      else {
        stored.values.push(value);
        return;
      }
    }
    if (this.#stored.size >= MAX_METRICS) this.flush();
    this.#stored.set(name, { unit, values: [value] });
  }

  // #region flush
  /**
   * Prints the buffered metrics as one EMF document and empties the buffer. `properties` are
   * added at the top level for searching in Logs Insights; they are not dimensions, so a request
   * id there costs nothing (as a dimension it would create one custom metric per request).
   */
  flush(properties: Record<string, unknown> = {}): void {
    if (this.#stored.size === 0) return;
    const document: Record<string, unknown> = {
      ...properties,
      _aws: {
        Timestamp: Date.now(), // epoch milliseconds, not seconds
        CloudWatchMetrics: [
          {
            Namespace: this.#namespace,
            Dimensions: [Object.keys(this.#dimensions)],
            Metrics: [...this.#stored].map(([name, { unit }]) => ({ Name: name, Unit: unit })),
          },
        ],
      },
      // The values live at the top level, next to _aws, under the names _aws refers to.
      ...this.#dimensions,
    };
    for (const [name, { values }] of this.#stored) {
      document[name] = values.length === 1 ? values[0] : values;
    }
    this.#stored = new Map();
    process.stdout.write(`${JSON.stringify(document)}\n`);
  }
  // #endregion flush
}
