/**
 * Lab 16 reference solution, part 3: will these environment variables fit in a Lambda function?
 * Run it before deploying (in CI, on the variables of the SAM template): Lambda refuses the whole
 * configuration update when they do not fit.
 */
import { LAMBDA_LIMITS } from './limits.ts';

export interface EnvironmentSize {
  /** Bytes Lambda counts for the whole set. */
  bytes: number;
  /** The limit (4 KB = 4,096 bytes). */
  limitBytes: number;
  fits: boolean;
  /** The variables by the bytes they cost, the biggest first: what to move out first. */
  largest: { name: string; bytes: number }[];
}

// #region measure
/**
 * Lambda counts the variables together, as the JSON of the whole map: names, values, quotes,
 * colons and commas, in UTF-8 bytes ({"A":"1","B":"2"} is 17 bytes). Its error message shows
 * this "String measured". Counting each variable on its own, or values only, under-counts.
 */
export function environmentSize(variables: Record<string, string>): EnvironmentSize {
  const bytes = Buffer.byteLength(JSON.stringify(variables), 'utf8');
  const limitBytes = LAMBDA_LIMITS.environmentVariables.value;
  const largest = Object.entries(variables)
    .map(([name, value]) => ({
      name,
      // "NAME":"value", — this variable's share of the JSON.
      bytes: Buffer.byteLength(`${JSON.stringify(name)}:${JSON.stringify(value)},`, 'utf8'),
    }))
    .sort((a, b) => b.bytes - a.bytes);
  return { bytes, limitBytes, fits: bytes <= limitBytes, largest };
}
// #endregion measure
