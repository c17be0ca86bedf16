/**
 * Lab 10 — EventBridge, part 1: publish events with PutEvents.
 * Read labs/lab-10-eventbridge/README.md first. Grade with: npm run grade lab-10
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

export async function publishEvents(
  client: EventBridgeClient,
  entries: readonly PutEventsRequestEntry[],
  options: PublishOptions = {},
): Promise<PublishResult> {
  // TODO(lab-10): task 1 — send the entries with client.send(new PutEventsCommand({ Entries }))
  //   in calls of at most MAX_ENTRIES_PER_CALL (10) entries.
  // TODO(lab-10): task 1 — a call that returns normally can still reject entries: read
  //   response.FailedEntryCount and response.Entries[i].ErrorCode (position i of the response is
  //   entry i of the request you just sent). Send only the rejected entries again, after
  //   `await sleep(ms)`, until options.maxAttempts (default 3) calls per entry are used up.
  // TODO(lab-10): task 1 — return how many were published and, for each entry that still
  //   failed, { entry, errorCode, errorMessage }. Never report success for a rejected entry.
  throw new Error('TODO(lab-10): publishEvents is not implemented yet (see src/publish.ts)');
}
