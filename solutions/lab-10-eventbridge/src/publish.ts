/**
 * Lab 10 reference solution, part 1: publishing domain events to EventBridge with PutEvents.
 *
 * Two facts shape this code. PutEvents takes at most 10 entries per call, and a call that
 * returns normally can still have rejected some of its entries: the response's
 * FailedEntryCount says how many, and `Entries[i]` (same position as the request's entry i)
 * carries an ErrorCode instead of an EventId for each rejected one.
 */
import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
  type PutEventsResultEntry,
} from '@aws-sdk/client-eventbridge';

/** The PutEvents API limit on entries per request. */
export const MAX_ENTRIES_PER_CALL = 10;

export interface PublishOptions {
  /** Calls per entry, the first one included (default 3). */
  maxAttempts?: number;
  /** Waits between attempts; tests pass a fake so nothing really waits. */
  sleep?: (ms: number) => Promise<void>;
  /** First backoff ceiling in milliseconds (default 100); it doubles on every retry. */
  baseDelayMs?: number;
}

export interface FailedEntry {
  entry: PutEventsRequestEntry;
  errorCode: string;
  errorMessage?: string;
}

export interface PublishResult {
  /** How many entries EventBridge accepted. */
  publishedCount: number;
  /** The entries still rejected after the last attempt, in request order. */
  failed: FailedEntry[];
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    out.push(items.slice(start, start + size));
  return out;
}

// #region failures
/**
 * The entries of one call that EventBridge rejected. The response lists one result per
 * request entry, in the same order, so position i of the response is entry i of *this* call
 * (not of the caller's whole list).
 */
function rejected(
  sent: readonly PutEventsRequestEntry[],
  results: readonly PutEventsResultEntry[],
  failedEntryCount: number,
): FailedEntry[] {
  const failed: FailedEntry[] = [];
  sent.forEach((entry, i) => {
    const result = results[i];
    if (result?.ErrorCode !== undefined) {
      failed.push({
        entry,
        errorCode: result.ErrorCode,
        ...(result.ErrorMessage === undefined ? {} : { errorMessage: result.ErrorMessage }),
      });
    } else if (failedEntryCount > 0 && result?.EventId === undefined) {
      // The response says something failed but gives this entry no id: never assume success.
      failed.push({ entry, errorCode: 'MissingResult' });
    }
  });
  return failed;
}
// #endregion failures

// #region publish
/**
 * Publishes every entry, in calls of at most 10, and retries only the entries EventBridge
 * rejected, up to `maxAttempts` calls each, with exponential backoff and full jitter.
 * Never throws for rejected entries: it reports them, so the caller decides (alarm, DLQ,
 * fail the request). Errors of the whole call (network, throttling of the request itself)
 * are retried by the SDK's own retry strategy and surface as exceptions.
 */
export async function publishEvents(
  client: EventBridgeClient,
  entries: readonly PutEventsRequestEntry[],
  options: PublishOptions = {},
): Promise<PublishResult> {
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 3));
  const sleep = options.sleep ?? realSleep;
  const baseDelayMs = options.baseDelayMs ?? 100;
  const result: PublishResult = { publishedCount: 0, failed: [] };

  for (const chunk of chunks(entries, MAX_ENTRIES_PER_CALL)) {
    let pending: PutEventsRequestEntry[] = chunk;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const response = await client.send(new PutEventsCommand({ Entries: pending }));
      const failed = rejected(pending, response?.Entries ?? [], response?.FailedEntryCount ?? 0);
      result.publishedCount += pending.length - failed.length;
      if (failed.length === 0) break;
      if (attempt >= maxAttempts) {
        result.failed.push(...failed);
        break;
      }
      // Full jitter: a random wait up to a doubling ceiling, so many publishers that failed
      // together do not retry together.
      await sleep(Math.random() * baseDelayMs * 2 ** (attempt - 1));
      // Only the rejected entries go again: resending the whole batch would duplicate the
      // events that were already accepted.
      pending = failed.map((f) => f.entry);
    }
  }
  return result;
}
// #endregion publish
