/**
 * Lab 16, task 3: the 4 KB limit on a function's environment variables, all of them together.
 * Lambda measures the JSON of the whole map (its error message prints the "String measured");
 * the sets below sit on either side of 4,096 bytes depending on how they are counted.
 */
import { environmentSize } from '@lab/lab-16-limits/src/env-size.ts';
import { describe, expect, it } from 'vitest';

const LIMIT = 4096;
const jsonBytes = (vars: Record<string, string>) => Buffer.byteLength(JSON.stringify(vars), 'utf8');

describe('3. Check the environment variables against the 4 KB limit', () => {
  it('measures all the variables together, names and JSON punctuation included', () => {
    // Prepare
    const sets: [string, Record<string, string>][] = [
      ['{"A":"1","B":"2"}', { A: '1', B: '2' }],
      [
        'a realistic configuration',
        {
          TABLE_NAME: 'orders-prod-OrdersTable-1A2B3C4D5E6F',
          QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders-prod-Queue-9Z8Y7X',
          POWERTOOLS_SERVICE_NAME: 'orders',
          LOG_LEVEL: 'INFO',
          FEATURE_FLAGS: '{"newCheckout":true,"betaPricing":false}',
        },
      ],
      ['a value with quotes and backslashes (escaped in JSON)', { PATTERN: 'say "hi" \\ bye' }],
      ['no variables', {}],
    ];
    for (const [what, vars] of sets) {
      // Act
      const size = environmentSize(vars);
      // Assess
      expect(
        size.bytes,
        `bytes counted for ${what}: the JSON of the whole map, ${JSON.stringify(vars).slice(0, 80)}…, in UTF-8 bytes`,
      ).toBe(jsonBytes(vars));
      expect(size.limitBytes, 'limitBytes (4 KB)').toBe(LIMIT);
    }
  });

  it('refuses a set over 4 KB in total, even when every variable is small', () => {
    // Three variables of 1.5 KB each: each one alone fits, together they do not.
    const three = {
      CERT_PART_1: 'a'.repeat(1500),
      CERT_PART_2: 'b'.repeat(1500),
      CERT_PART_3: 'c'.repeat(1500),
    };
    expect(environmentSize(three).fits, 'fits for three 1.5 KB variables (4.5 KB together)').toBe(
      false,
    );

    // Names and values add up to 4,000 bytes; with JSON's quotes, colons and commas it is 4,121.
    const twenty = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`VAR_${String(i).padStart(2, '0')}`, 'v'.repeat(194)]),
    );
    expect(
      environmentSize(twenty).fits,
      `fits for 20 variables whose names and values add up to 4,000 bytes, but whose JSON is ${jsonBytes(twenty)} bytes`,
    ).toBe(false);

    // The boundary: 4,096 bytes fit, 4,097 do not.
    const exact = { BIG: 'x'.repeat(LIMIT - 10) }; // {"BIG":"…"} is 10 bytes plus the value
    expect(jsonBytes(exact)).toBe(LIMIT);
    expect(environmentSize(exact).fits, 'fits for exactly 4,096 bytes').toBe(true);
    expect(environmentSize({ BIG: 'x'.repeat(LIMIT - 9) }).fits, 'fits for 4,097 bytes').toBe(
      false,
    );
    expect(environmentSize({ SMALL: 'ok' }).fits, 'fits for {"SMALL":"ok"}').toBe(true);
  });
});
