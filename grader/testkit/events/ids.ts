/**
 * Deterministic ids for test events: unique within a test file run, the same on every run, and
 * shaped like the real thing (UUID-like), so snapshots and messages stay stable.
 */
import { createHash } from 'node:crypto';

let counter = 0;

/** A UUID-shaped id derived from a label and a counter. */
export function nextId(label = 'id'): string {
  counter += 1;
  const hex = createHash('sha1').update(`${label}:${counter}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Restart the sequence (call in `beforeEach` when a test compares ids). */
export function resetIds(): void {
  counter = 0;
}
