/**
 * A validator for CloudWatch Embedded Metric Format (EMF) documents, written from the
 * specification ("Specification: Embedded metric format", CloudWatch User Guide,
 * docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html,
 * read 2026-11-26) and its JSON schema. Suites use it to check what code under test printed,
 * whatever library (or none) produced it.
 *
 * Rules checked:
 * - the root is a JSON object with an `_aws` metadata object;
 * - `_aws.Timestamp` is an integer number of **milliseconds** since the epoch (optionally within
 *   CloudWatch's accepted window: at most 14 days old, at most 2 hours ahead);
 * - `_aws.CloudWatchMetrics` is a non-empty array of MetricDirectives, each with exactly
 *   `Namespace` (1–255 characters), `Dimensions` (an array of at least one DimensionSet; each
 *   set an array of at most 30 dimension names) and `Metrics` (1–100 MetricDefinitions);
 * - a MetricDefinition has `Name` (1–255 characters), optionally `Unit` (one of the CloudWatch
 *   units) and `StorageResolution` (1 or 60), nothing else;
 * - every dimension name is a root member holding a non-empty string; every metric name is a
 *   root member holding a number or an array of 1–100 numbers (target members are never nested).
 */

/** The units CloudWatch accepts (MetricDatum.Unit), as EMF spells them. */
export const EMF_UNITS = [
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
] as const;

export const EMF_LIMITS = {
  dimensionsPerSet: 30,
  metricsPerDirective: 100,
  valuesPerMetric: 100,
  nameLength: 255,
  /** CloudWatch refuses data points older than 14 days or more than 2 hours in the future. */
  maxPastMs: 14 * 24 * 60 * 60 * 1000,
  maxFutureMs: 2 * 60 * 60 * 1000,
} as const;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** True when a parsed log line is meant as an EMF document (it carries an `_aws` member). */
export function isEmfDocument(line: unknown): line is Json {
  return isObject(line) && '_aws' in line;
}

export interface EmfOptions {
  /** The current time in epoch ms: the Timestamp must lie within CloudWatch's window around it. */
  now?: number;
}

/** Every way `doc` breaks the specification; an empty list means it is valid. */
export function emfProblems(doc: unknown, options: EmfOptions = {}): string[] {
  const problems: string[] = [];
  if (!isObject(doc)) return ['the document is not a JSON object'];
  const aws = doc._aws;
  if (!isObject(aws)) return ['_aws is missing or not an object'];

  const timestamp = aws.Timestamp;
  if (typeof timestamp !== 'number' || !Number.isInteger(timestamp) || timestamp < 0) {
    problems.push(
      `_aws.Timestamp must be an integer number of milliseconds, got ${JSON.stringify(timestamp)}`,
    );
  } else if (options.now !== undefined) {
    if (timestamp < options.now - EMF_LIMITS.maxPastMs)
      problems.push(
        `_aws.Timestamp ${timestamp} is ${new Date(timestamp).toISOString()}, more than 14 days ago: is it in seconds instead of milliseconds?`,
      );
    else if (timestamp > options.now + EMF_LIMITS.maxFutureMs)
      problems.push(`_aws.Timestamp ${timestamp} is more than 2 hours in the future`);
  } else if (timestamp < 1e12) {
    problems.push(`_aws.Timestamp ${timestamp} looks like seconds: EMF wants milliseconds`);
  }

  const directives = aws.CloudWatchMetrics;
  if (!Array.isArray(directives) || directives.length === 0) {
    problems.push('_aws.CloudWatchMetrics must be a non-empty array of metric directives');
    return problems;
  }
  directives.forEach((directive, d) => {
    const where = `_aws.CloudWatchMetrics[${d}]`;
    if (!isObject(directive)) {
      problems.push(`${where} is not an object`);
      return;
    }
    for (const key of Object.keys(directive))
      if (!['Namespace', 'Dimensions', 'Metrics'].includes(key))
        problems.push(`${where} has a member the specification does not allow: ${key}`);
    const namespace = directive.Namespace;
    if (typeof namespace !== 'string' || namespace.length < 1 || namespace.length > 255)
      problems.push(`${where}.Namespace must be a string of 1 to 255 characters`);

    const dimensions = directive.Dimensions;
    if (!Array.isArray(dimensions) || dimensions.length === 0) {
      problems.push(`${where}.Dimensions must be an array of dimension sets (arrays of names)`);
    } else {
      dimensions.forEach((set, s) => {
        if (!Array.isArray(set)) {
          problems.push(`${where}.Dimensions[${s}] must be an array of dimension names`);
          return;
        }
        if (set.length > EMF_LIMITS.dimensionsPerSet)
          problems.push(
            `${where}.Dimensions[${s}] has ${set.length} dimensions; a set holds at most ${EMF_LIMITS.dimensionsPerSet}`,
          );
        for (const name of set) {
          if (typeof name !== 'string' || name.length < 1 || name.length > 255) {
            problems.push(
              `${where}.Dimensions[${s}] holds ${JSON.stringify(name)}, not a dimension name`,
            );
            continue;
          }
          const value = doc[name];
          if (typeof value !== 'string' || value.trim() === '')
            problems.push(
              `the dimension "${name}" needs a non-empty string value at the top level of the document, got ${JSON.stringify(value)}`,
            );
        }
      });
    }

    const metrics = directive.Metrics;
    if (!Array.isArray(metrics) || metrics.length === 0) {
      problems.push(`${where}.Metrics must be a non-empty array of metric definitions`);
      return;
    }
    if (metrics.length > EMF_LIMITS.metricsPerDirective)
      problems.push(
        `${where}.Metrics has ${metrics.length} definitions; a directive holds at most ${EMF_LIMITS.metricsPerDirective}`,
      );
    metrics.forEach((metric, m) => {
      const at = `${where}.Metrics[${m}]`;
      if (!isObject(metric)) {
        problems.push(`${at} is not an object`);
        return;
      }
      for (const key of Object.keys(metric))
        if (!['Name', 'Unit', 'StorageResolution'].includes(key))
          problems.push(`${at} has a member the specification does not allow: ${key}`);
      const name = metric.Name;
      if (typeof name !== 'string' || name.length < 1 || name.length > 255) {
        problems.push(`${at}.Name must be a string of 1 to 255 characters`);
        return;
      }
      if (metric.Unit !== undefined && !(EMF_UNITS as readonly unknown[]).includes(metric.Unit))
        problems.push(
          `the unit of "${name}" is ${JSON.stringify(metric.Unit)}, not a CloudWatch unit (such as Count, Milliseconds, Seconds, Bytes, Percent, Count/Second or None, spelled exactly so)`,
        );
      if (
        metric.StorageResolution !== undefined &&
        ![1, 60].includes(metric.StorageResolution as number)
      )
        problems.push(`the StorageResolution of "${name}" must be 1 or 60`);
      const value = doc[name];
      const numbers = Array.isArray(value) ? value : [value];
      if (value === undefined)
        problems.push(`the metric "${name}" has no value at the top level of the document`);
      else if (
        Array.isArray(value) &&
        (value.length === 0 || value.length > EMF_LIMITS.valuesPerMetric)
      )
        problems.push(
          `the metric "${name}" holds ${value.length} values; 1 to ${EMF_LIMITS.valuesPerMetric} are allowed`,
        );
      else if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n)))
        problems.push(
          `the metric "${name}" must hold a number or an array of numbers at the top level, got ${JSON.stringify(value)}`,
        );
    });
  });
  return problems;
}

export interface EmfMetric {
  name: string;
  unit: string | undefined;
  /** The value(s) at the document's top level. */
  values: number[];
  namespace: string;
  dimensionSets: string[][];
}

/** The metrics an EMF document declares, with their values (assumes a structurally valid document). */
export function emfMetrics(doc: unknown): EmfMetric[] {
  if (!isEmfDocument(doc) || !isObject(doc._aws)) return [];
  const directives = Array.isArray(doc._aws.CloudWatchMetrics) ? doc._aws.CloudWatchMetrics : [];
  return directives.flatMap((directive: unknown) => {
    if (!isObject(directive) || !Array.isArray(directive.Metrics)) return [];
    const dimensionSets = Array.isArray(directive.Dimensions)
      ? (directive.Dimensions.filter(Array.isArray) as string[][])
      : [];
    return directive.Metrics.flatMap((metric: unknown) => {
      if (!isObject(metric) || typeof metric.Name !== 'string') return [];
      const value = doc[metric.Name];
      const values = (Array.isArray(value) ? value : [value]).filter(
        (v): v is number => typeof v === 'number',
      );
      return [
        {
          name: metric.Name,
          unit: typeof metric.Unit === 'string' ? metric.Unit : undefined,
          values,
          namespace: String(directive.Namespace),
          dimensionSets,
        },
      ];
    });
  });
}
