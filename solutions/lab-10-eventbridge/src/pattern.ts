/**
 * Lab 10 reference solution, part 3: EventBridge event-pattern matching for the common
 * operators, so that what a rule selects is something you can reason about (and test).
 *
 * Semantics (EventBridge user guide, "Event patterns" and "Content filtering"):
 * - every field named in the pattern must match (AND); the values in a field's list are
 *   alternatives (OR);
 * - a field missing from the event matches nothing except `{ "exists": false }`;
 * - when the event's value is an array, the field matches if any element matches;
 * - exact values compare by JSON type: 5 is not "5";
 * - `prefix` works on strings only, `numeric` on numbers only.
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

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `pattern` selects `event`, as an EventBridge rule with that pattern would. */
export function matches(pattern: EventPattern, event: unknown): boolean {
  return matchesObject(pattern, event);
}

// #region fields
function matchesObject(pattern: unknown, value: unknown): boolean {
  if (!isObject(pattern)) return false;
  return Object.entries(pattern).every(([field, rule]) => {
    // Own properties only: "constructor" in a pattern must not find Object.prototype's.
    const fieldValue = isObject(value) && Object.hasOwn(value, field) ? value[field] : undefined;
    if (Array.isArray(rule)) return matchesField(rule, fieldValue);
    if (isObject(rule)) {
      // A nested pattern; an array of objects matches if one element does.
      return Array.isArray(fieldValue)
        ? fieldValue.some((element) => matchesObject(rule, element))
        : matchesObject(rule, fieldValue);
    }
    return false;
  });
}

/** One field: OR across the matchers, and across the elements when the value is an array. */
function matchesField(matchers: readonly unknown[], value: unknown): boolean {
  const leaves = (Array.isArray(value) ? value : [value]).filter(
    (v) => v !== undefined && !isObject(v) && !Array.isArray(v),
  );
  return matchers.some((matcher) => {
    if (isObject(matcher) && 'exists' in matcher) {
      // exists works on leaves: a missing field (or an object) has no leaf value.
      return matcher.exists === true ? leaves.length > 0 : leaves.length === 0;
    }
    // Every other matcher needs a value: a missing field never matches, not even anything-but.
    return leaves.some((leaf) => matchesValue(matcher, leaf));
  });
}
// #endregion fields

// #region operators
function matchesValue(matcher: unknown, value: unknown): boolean {
  if (!isObject(matcher)) return matcher === value; // exact, type included: 5 !== "5"
  if ('prefix' in matcher) {
    return typeof value === 'string' && typeof matcher.prefix === 'string'
      ? value.startsWith(matcher.prefix)
      : false;
  }
  if ('anything-but' in matcher) {
    const excluded = matcher['anything-but'];
    if (isObject(excluded)) {
      return typeof value === 'string' && typeof excluded.prefix === 'string'
        ? !value.startsWith(excluded.prefix)
        : false;
    }
    return Array.isArray(excluded) ? !excluded.includes(value) : excluded !== value;
  }
  if ('numeric' in matcher) return matchesNumeric(matcher.numeric, value);
  return false;
}

const COMPARE = new Map<unknown, (a: number, b: number) => boolean>([
  ['=', (a, b) => a === b],
  ['<', (a, b) => a < b],
  ['<=', (a, b) => a <= b],
  ['>', (a, b) => a > b],
  ['>=', (a, b) => a >= b],
]);

/** `["<", 10]` or `[">", 0, "<=", 100]`: every comparison must hold, on a JSON number. */
function matchesNumeric(conditions: unknown, value: unknown): boolean {
  if (typeof value !== 'number' || !Array.isArray(conditions) || conditions.length === 0)
    return false;
  if (conditions.length % 2 !== 0) return false;
  for (let i = 0; i < conditions.length; i += 2) {
    const compare = COMPARE.get(conditions[i]);
    const bound = conditions[i + 1];
    if (!compare || typeof bound !== 'number' || !compare(value, bound)) return false;
  }
  return true;
}
// #endregion operators
