/**
 * Lab 16 — Limits, part 3: will these environment variables fit in a Lambda function?
 * Read labs/lab-16-limits/README.md first. Grade with: npm run grade lab-16
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

export function environmentSize(variables: Record<string, string>): EnvironmentSize {
  // TODO(lab-16): task 3 — the 4 KB limit is for ALL variables together, and Lambda measures the
  //   JSON of the whole map (names, values, quotes, colons, commas) in UTF-8 bytes. Compute those
  //   bytes, compare with LAMBDA_LIMITS.environmentVariables.value, and list each variable's
  //   share ("NAME":"value",) the biggest first.
  return {
    bytes: 0,
    limitBytes: LAMBDA_LIMITS.environmentVariables.value,
    fits: true,
    largest: [],
  };
}
