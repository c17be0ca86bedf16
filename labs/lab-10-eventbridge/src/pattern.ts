/**
 * Lab 10 — EventBridge, part 3: match event patterns the way an EventBridge rule does.
 * Read labs/lab-10-eventbridge/README.md first. Grade with: npm run grade lab-10
 */

export type Scalar = string | number | boolean | null;

export type Matcher =
  | Scalar
  | { prefix: string }
  | { 'anything-but': Scalar | Scalar[] | { prefix: string } }
  | { numeric: (string | number)[] }
  | { exists: boolean };

export interface EventPattern {
  [field: string]: Matcher[] | EventPattern;
}

/** True when `pattern` selects `event`, as an EventBridge rule with that pattern would. */
export function matches(pattern: EventPattern, event: unknown): boolean {
  // TODO(lab-10): task 3 — every field of the pattern must match (AND). A field's value is
  //   either a nested pattern (an object: recurse into the event's field) or a list of
  //   matchers, any of which may match (OR).
  // TODO(lab-10): task 3 — matchers: an exact value (same JSON type: 5 is not "5"),
  //   { prefix }, { "anything-but": value | list | { prefix } }, { numeric: [">", 0, "<=", 100] }
  //   and { exists: true | false }.
  // TODO(lab-10): task 3 — a field missing from the event matches only { exists: false }; when
  //   the event's value is an array, the field matches if any element matches.
  return false;
}
