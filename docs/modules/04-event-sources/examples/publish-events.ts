/**
 * Module 4 example: publishing to EventBridge. PutEvents takes at most 10 entries, and a
 * successful call can still reject some of them: check FailedEntryCount and retry those.
 */
import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';

const MAX_ENTRIES_PER_CALL = 10;

export interface PublishOptions {
  attempts?: number;
  /** Waits between attempts; replaced in tests. */
  sleep?: (ms: number) => Promise<void>;
}

// #region publish
/** Publishes every entry; returns those that still failed after all attempts. */
export async function publishAll(
  client: EventBridgeClient,
  entries: PutEventsRequestEntry[],
  { attempts = 3, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) }: PublishOptions = {},
): Promise<PutEventsRequestEntry[]> {
  const failed: PutEventsRequestEntry[] = [];
  for (let start = 0; start < entries.length; start += MAX_ENTRIES_PER_CALL) {
    let pending = entries.slice(start, start + MAX_ENTRIES_PER_CALL);
    for (let attempt = 1; attempt <= attempts && pending.length > 0; attempt++) {
      if (attempt > 1) await sleep(Math.random() * 100 * 2 ** attempt); // backoff with jitter
      const result = await client.send(new PutEventsCommand({ Entries: pending }));
      if (!result.FailedEntryCount) pending = [];
      // Results are in request order; a failed entry has an ErrorCode instead of an EventId.
      else pending = pending.filter((_, i) => result.Entries?.[i]?.ErrorCode !== undefined);
    }
    failed.push(...pending);
  }
  return failed;
}
// #endregion publish
