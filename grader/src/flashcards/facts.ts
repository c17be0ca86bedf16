/**
 * The facts registry: the figures of /work/shared/FACTS.md (the course's checked list of
 * limits, prices and dates) that flashcards state, so the content checker can hold the deck to
 * them.
 *
 * - A card that lists `facts: [id]` must contain every value of each listed fact (any of the
 *   spellings the pattern allows), and carries `asOf` when the fact is one that changes.
 * - No card may state a {@link WRONG_FIGURES known-wrong figure} (an outdated limit, a price
 *   labelled with the wrong region, …) unless the sentence frames it as old or wrong: the same
 *   sentence (text up to `.`, `!`, `?` or a line break) contains one of the
 *   {@link FRAMING} words ("was", "used to", "outdated", "not", "no longer", …).
 *
 * Matching is done on the card's plain text: markdown emphasis, code ticks and link targets are
 * removed, and non-breaking or thin spaces count as spaces.
 */

/** One value a card stating the fact must contain. */
export interface FactValue {
  /** The canonical text, as FACTS.md writes it (shown in the fix). */
  text: string;
  /** The spellings accepted for it. */
  pattern: RegExp;
}

export interface Fact {
  id: string;
  /** What the fact is, in a few words. */
  about: string;
  /** Every one of these must appear on a card that lists the fact. */
  values: FactValue[];
  /** True when the figure changes over time: a card stating it needs `asOf`. */
  changes: boolean;
  /** Where FACTS.md got it, with its date. */
  source: string;
}

const num = (text: string, pattern: RegExp): FactValue => ({ text, pattern });
// Shared spellings: "10 s", "10s", "10 sec", "10 seconds"; "1 MB" or "1 MiB".
const S = String.raw`\s?s(?:ec(?:ond)?s?)?\b`;
const MIN = String.raw`\s?min(?:ute)?s?\b`;
const re = (source: string, flags = 'i') => new RegExp(source, flags);
const DASH = String.raw`\s?(?:–|-|—|to)\s?`;

/** A fact stated by one value (most facts): `one('1 MB', /…/)`. */
function fact(
  id: string,
  about: string,
  values: FactValue[],
  changes: boolean,
  source: string,
): Fact {
  return { id, about, values, changes, source };
}

const LIMITS = 'FACTS.md, AWS Lambda (gettingstarted-limits, 2026)';
const PRICING = 'FACTS.md, Lambda pricing (us-east-1, x86 unless noted)';
const PERF = 'FACTS.md, cold starts: maxday/lambda-perf 2025-12-21';
const WORKERS = 'FACTS.md, Cloudflare Workers limits (2026)';
const VERCEL = 'FACTS.md, Vercel';
const range = (a: number, b: number) => re(String.raw`\b${a}${DASH}${b}\s?ms\b`);

export const FACTS: readonly Fact[] = [
  // AWS Lambda limits
  fact(
    'lambda-max-duration',
    'Lambda maximum duration',
    [num('15 min', re(String.raw`\b15${MIN}|\b900${S}`))],
    false,
    LIMITS,
  ),
  fact(
    'lambda-memory-range',
    'Lambda memory range',
    [num('128 MB', /\b128\s?(MB|–|-)/i), num('10,240 MB', /\b10,?240\s?MB\b|\b10\s?GB\b/i)],
    false,
    LIMITS,
  ),
  fact(
    'lambda-tmp-range',
    'Lambda /tmp size',
    [num('512 MB', /\b512\s?(MB|–|-)/i), num('10,240 MB', /\b10,?240\s?MB\b|\b10\s?GB\b/i)],
    false,
    'FACTS.md, AWS Lambda (API_EphemeralStorage)',
  ),
  fact(
    'lambda-env-vars-total',
    'Lambda environment variables, total',
    [num('4 KB', /\b4\s?KB\b/i)],
    false,
    LIMITS,
  ),
  fact(
    'lambda-sync-payload',
    'Lambda synchronous payload (request and response each)',
    [num('6 MB', /\b6\s?Mi?B\b/i)],
    true,
    'FACTS.md, AWS Lambda (API_Invoke)',
  ),
  fact(
    'lambda-async-payload',
    'Lambda asynchronous payload',
    [num('1 MB', /(?<![\d.,])1\s?Mi?B\b/i)],
    true,
    'FACTS.md, AWS Lambda (API_Invoke, Oct 2025) — 256 KB is outdated',
  ),
  fact(
    'sqs-eventbridge-payload',
    'SQS and EventBridge event size',
    [num('1 MB', /(?<![\d.,])1\s?Mi?B\b/i)],
    true,
    'FACTS.md, AWS compute blog 29 Jan 2026 — 256 KB is outdated',
  ),
  fact(
    'lambda-streamed-response',
    'Lambda streamed response size',
    [num('200 MB', /\b200\s?Mi?B\b/i)],
    true,
    'FACTS.md, Lambda response streaming (Jul 2025) — 20 MB is outdated',
  ),
  fact(
    'lambda-concurrency-default',
    'Lambda default concurrency per Region',
    [num('1,000', /\b1,?000\b/)],
    true,
    LIMITS,
  ),
  fact(
    'lambda-scaling-rate',
    'Lambda scaling rate per function',
    [num('1,000', /\b1,?000\b/), num('10 s', re(String.raw`\b10${S}`))],
    true,
    'FACTS.md, Lambda scaling-behavior: 1,000 execution environments per 10 s per function',
  ),
  fact(
    'lambda-package-zipped',
    'Lambda deployment package, zipped',
    [num('50 MB', /\b50\s?MB\b/i)],
    false,
    LIMITS,
  ),
  fact(
    'lambda-package-unzipped',
    'Lambda deployment package, unzipped',
    [num('250 MB', /\b250\s?MB\b/i)],
    false,
    LIMITS,
  ),
  fact(
    'lambda-container-image',
    'Lambda container image size',
    [num('10 GB', /\b10\s?GB\b/i)],
    false,
    LIMITS,
  ),
  fact(
    'lambda-async-retries',
    'Lambda asynchronous retries',
    [num('2 retries', /\b(2|two)\s+(retries|retry attempts|more attempts)/i)],
    false,
    'FACTS.md, Lambda invocation-async-error-handling',
  ),
  fact(
    'lambda-async-max-event-age',
    'Lambda asynchronous maximum event age',
    [num('6 h', /\b6\s?h(ours?)?\b|\b21,?600\s?s/i)],
    false,
    'FACTS.md, Lambda invocation-async-configuring',
  ),
  fact(
    'sqs-esm-batch-size-max-standard',
    'SQS event source maximum batch size (standard queues)',
    [num('10,000', /\b10,?000\b/)],
    false,
    'FACTS.md, Lambda services-sqs-parameters',
  ),
  fact(
    'sqs-esm-batching-window-max',
    'SQS event source maximum batching window',
    [num('300 s', re(String.raw`\b300${S}|\b5${MIN}`))],
    false,
    'FACTS.md, Lambda services-sqs-parameters',
  ),
  fact(
    'lambda-managed-instances-max-duration',
    'Lambda Managed Instances maximum duration (async and event source mappings)',
    [num('90 min', re(String.raw`\b90${MIN}`))],
    true,
    LIMITS,
  ),
  fact(
    'lambda-product-naming',
    'Lambda product naming',
    [num('Lambda Event Functions', /event functions/i)],
    true,
    'FACTS.md, AWS Lambda terminology (lambda-functions-chapter, 2026)',
  ),
  // Prices and the free tier
  fact(
    'lambda-request-price',
    'Lambda request price',
    [num('$0.20', /\$\s?0\.20\b/), num('1M requests', /\b1\s?M\b|\bmillion\b/i)],
    true,
    PRICING,
  ),
  fact(
    'lambda-duration-price',
    'Lambda duration price (x86)',
    [num('$0.0000166667', /0\.0000166667/)],
    true,
    PRICING,
  ),
  fact(
    'lambda-arm64-price',
    'Lambda duration price (arm64)',
    [num('$0.0000133334', /0\.0000133334/)],
    true,
    PRICING,
  ),
  fact(
    'lambda-pc-rate-us-east-1',
    'provisioned concurrency rate in us-east-1',
    [num('$0.0000041667', /0\.0000041667/)],
    true,
    `${PRICING} — $0.000004646 is the eu-west-1 / ca-central-1 rate`,
  ),
  fact(
    'lambda-pc-execution-rate-us-east-1',
    'duration rate while provisioned concurrency executes, us-east-1',
    [num('$0.0000097222', /0\.0000097222/)],
    true,
    PRICING,
  ),
  fact(
    'lambda-pc-month-1gb',
    'provisioned concurrency, one 1 GB environment for a month (730 h)',
    [num('$10.95', /\$\s?10\.95\b/)],
    true,
    'FACTS.md, computed: 730 h × 3,600 s × $0.0000041667',
  ),
  fact(
    'lambda-free-tier',
    'Lambda free tier per month',
    [
      num('1M requests', /\b1\s?M\b|\bone million\b|\b1 million\b/i),
      num('400,000 GB-s', /\b400,?000\s?GB-?s(ec(ond)?s?)?\b|\b400\s?K\s?GB-?s/i),
    ],
    true,
    PRICING,
  ),
  fact(
    'lambda-init-billing-start',
    'INIT billed for on-demand functions',
    [num('1 Aug 2025', /\b(1\s+)?aug(ust)?\.?\s+2025\b|\b2025-08(-01)?\b/i)],
    true,
    'FACTS.md, AWS compute blog (Apr 2025)',
  ),
  fact(
    'lambda-cold-start-share',
    'share of invocations that are cold starts (AWS)',
    [num('<1%', /<\s?1\s?%|less than 1\s?%|under 1\s?%|below 1\s?%/i)],
    true,
    'FACTS.md, AWS compute blog on INIT billing (Apr 2025)',
  ),
  fact(
    'lambda-1m-100ms-cost',
    '1M requests at 100 ms and 128 MB, before the free tier',
    [num('$0.41', /\$\s?0\.41\b/)],
    true,
    'FACTS.md, cost examples (recomputed)',
  ),
  fact(
    'lambda-10m-512mb-200ms-cost',
    '10M requests at 512 MB and 200 ms',
    [num('$18.67', /\$\s?18\.67\b|\$\s?11\.80\b/)],
    true,
    'FACTS.md, cost examples: $18.67 list, $11.80 with the free tier',
  ),
  fact(
    'fargate-half-vcpu-1gb-month',
    'Fargate 0.5 vCPU / 1 GB for a month',
    [num('$18.02', /\$\s?18(\.02)?\b/)],
    true,
    'FACTS.md, Fargate pricing ($0.04048/vCPU-h, $0.004445/GB-h, 730 h)',
  ),
  fact(
    'cost-1m-100ms-512mb',
    '1M requests at 100 ms and 512 MB, before the free tier',
    [num('$1.03', /\$\s?1\.03\b/)],
    true,
    'FACTS.md, cost examples (recomputed)',
  ),
  fact(
    'cost-10m-512mb-200ms-free-tier',
    '10M requests at 512 MB and 200 ms, with the free tier',
    [num('$11.80', /\$\s?11\.80\b/)],
    true,
    'FACTS.md, cost examples (recomputed)',
  ),
  fact(
    'cost-scenario1-lambda',
    'the low-traffic scenario on Lambda (list price)',
    [num('$0.19', /\$\s?0\.19\b/)],
    true,
    'FACTS.md, cost examples: $0.19 list, $0 with the free tier',
  ),
  fact(
    'cost-scenario2-lambda-list',
    'the steady-traffic scenario on Lambda, list price',
    [num('$186.67', /\$\s?186\.67\b/)],
    true,
    'FACTS.md, cost examples (scenario 2)',
  ),
  fact(
    'cost-scenario2-lambda-free-tier',
    'the steady-traffic scenario on Lambda, with the free tier',
    [num('$179.80', /\$\s?179\.80?\b/)],
    true,
    'FACTS.md, cost examples (scenario 2)',
  ),
  fact(
    'cost-scenario2-saving',
    'what the containers save in the steady-traffic scenario',
    [num('42%', /\b42\s?%/)],
    true,
    'FACTS.md, cost examples (scenario 2): ≈42%, not 44%',
  ),
  fact(
    'fargate-3-tasks-month',
    'three Fargate 1 vCPU / 2 GB tasks for a month',
    [num('$108.12', /\$\s?108\.12\b/)],
    true,
    'FACTS.md, Fargate pricing',
  ),
  fact(
    'lambda-arm64-discount',
    'arm64 duration discount against x86',
    [num('20%', /\b20\s?%/)],
    true,
    PRICING,
  ),
  fact(
    'lambda-pc-monthly-128mb',
    'provisioned concurrency, one 128 MB environment for a month',
    [num('$1.37', /\$\s?1\.37\b/)],
    true,
    'FACTS.md, computed: 730 h × $0.0000041667/GB-s',
  ),
  fact(
    'lambda-pc-monthly-512mb',
    'provisioned concurrency, one 512 MB environment for a month',
    [num('$5.48', /\$\s?5\.48\b/)],
    true,
    'FACTS.md, computed: 730 h × $0.0000041667/GB-s',
  ),
  fact(
    'fargate-1vcpu-2gb-month',
    'Fargate 1 vCPU / 2 GB for a month',
    [num('$36.04', /\$\s?36(\.04)?\b/)],
    true,
    'FACTS.md, Fargate pricing',
  ),
  fact(
    'fargate-vcpu-hour',
    'Fargate price per vCPU-hour',
    [num('$0.04048', /\$\s?0\.04048\b/)],
    true,
    'FACTS.md, Fargate pricing',
  ),
  fact(
    'fargate-gb-hour',
    'Fargate price per GB-hour',
    [num('$0.004445', /\$\s?0\.004445\b/)],
    true,
    'FACTS.md, Fargate pricing',
  ),
  fact(
    'serverless-vs-fargate-ratio',
    'Fargate vs Lambda in the low-traffic example',
    [num('97x', /\b97\s?(x|×|times)/i)],
    true,
    'FACTS.md, cost examples: $18.02 / $0.19 — "150x" is wrong',
  ),
  // Runtimes and cold starts
  fact(
    'nodejs-runtime-current',
    'a current Node.js Lambda runtime',
    [num('nodejs22.x', /\bnodejs2[24]\.x\b/)],
    true,
    'FACTS.md, lambda-nodejs',
  ),
  fact(
    'nodejs-runtime-newest',
    'the newest Node.js Lambda runtime',
    [num('nodejs24.x', /\bnodejs24\.x\b/)],
    true,
    'FACTS.md, lambda-nodejs',
  ),
  fact(
    'nodejs22-end-of-support',
    'nodejs22.x end of support',
    [num('30 Apr 2027', /\b(30\s+)?apr(il)?\.?\s+2027\b|\b2027-04(-30)?\b/i)],
    true,
    'FACTS.md, lambda-nodejs',
  ),
  fact(
    'nodejs24-end-of-support',
    'nodejs24.x end of support',
    [num('30 Apr 2028', /\b(30\s+)?apr(il)?\.?\s+2028\b|\b2028-04(-30)?\b/i)],
    true,
    'FACTS.md, lambda-nodejs',
  ),
  fact(
    'nodejs20-deprecation',
    'nodejs20.x deprecation',
    [num('30 Apr 2026', /\b(30\s+)?apr(il)?\.?\s+2026\b|\b2026-04(-30)?\b/i)],
    false,
    'FACTS.md, lambda-nodejs',
  ),
  fact(
    'nodejs18-end-of-support',
    'nodejs18.x end of support',
    [num('1 Sep 2025', /\b(1\s+)?sep(t|tember)?\.?\s+2025\b|\b2025-09(-01)?\b/i)],
    false,
    'FACTS.md, lambda-nodejs',
  ),
  fact(
    'snapstart-runtimes',
    'SnapStart runtimes',
    [num('Java', /\bjava\b/i), num('Python', /\bpython\b/i), num('.NET', /\.net\b/i)],
    true,
    'FACTS.md, Lambda snapstart (Nov 2024)',
  ),
  fact(
    'lambda-vpc-hyperplane-rollout',
    'Hyperplane VPC networking in every account',
    [num('2019', /\b2019\b/)],
    false,
    'FACTS.md, AWS compute blog (Sep 2019, updated Aug 2020)',
  ),
  fact(
    'lambda-warm-retention',
    'how long an idle execution environment is kept',
    [
      num(
        'non-deterministic',
        /non-?deterministic|not (guaranteed|documented)|no (fixed|set|guaranteed)/i,
      ),
    ],
    false,
    'FACTS.md, Operating Lambda: performance optimization — "5–15 min" is unverifiable',
  ),
  fact(
    'cold-start-rust',
    'Rust hello-world cold start',
    [num('11–18 ms', range(11, 18))],
    true,
    PERF,
  ),
  fact('cold-start-go', 'Go hello-world cold start', [num('35–55 ms', range(35, 55))], true, PERF),
  fact(
    'cold-start-dotnet-aot',
    '.NET Native AOT hello-world cold start',
    [num('58–90 ms', range(58, 90))],
    true,
    PERF,
  ),
  fact(
    'cold-start-python',
    'Python 3.9–3.13 hello-world cold start',
    [num('69–111 ms', range(69, 111))],
    true,
    PERF,
  ),
  fact(
    'cold-start-node',
    'Node.js 20/22/24 hello-world cold start',
    [num('116–165 ms', range(116, 165))],
    true,
    PERF,
  ),
  fact(
    'cold-start-ruby',
    'Ruby hello-world cold start',
    [num('178–253 ms', range(178, 253))],
    true,
    PERF,
  ),
  fact(
    'cold-start-java-no-snapstart',
    'Java hello-world cold start without SnapStart',
    [num('184–325 ms', range(184, 325))],
    true,
    PERF,
  ),
  fact(
    'cold-start-dotnet-managed',
    '.NET 8 managed hello-world cold start',
    [num('245–284 ms', range(245, 284))],
    true,
    PERF,
  ),
  fact(
    'powertools-metric-unit',
    'the Powertools v2 metric unit enum',
    [num('MetricUnit', /\bMetricUnit\b/)],
    false,
    'FACTS.md, code snippets (Powertools TS v2)',
  ),
  // Cloudflare
  fact(
    'workers-cpu-free',
    'Workers CPU time per request, Free',
    [num('10 ms', /\b10\s?ms\b/i)],
    true,
    WORKERS,
  ),
  fact(
    'workers-cpu-paid-default',
    'Workers CPU time per request, Paid default',
    [num('30 s', re(String.raw`\b30${S}`))],
    true,
    WORKERS,
  ),
  fact(
    'workers-cpu-paid-max',
    'Workers CPU time per request, Paid maximum',
    [num('5 min', re(String.raw`\b5${MIN}`))],
    true,
    WORKERS,
  ),
  fact(
    'workers-memory',
    'Workers memory per isolate',
    [num('128 MB', /\b128\s?MB\b/i)],
    false,
    WORKERS,
  ),
  fact(
    'workers-free-requests',
    'Workers Free requests per day',
    [num('100,000/day', /\b100,?000\b|\b100\s?K\b/i)],
    true,
    WORKERS,
  ),
  fact(
    'workers-subrequests-free',
    'Workers subrequests per request, Free',
    [num('50', /\b50\b/)],
    true,
    WORKERS,
  ),
  fact(
    'workers-subrequests-paid',
    'Workers subrequests per request, Paid',
    [num('10,000', /\b10,?000\b/)],
    true,
    `${WORKERS} (was 1,000)`,
  ),
  fact(
    'workers-script-size',
    'Workers script size',
    [num('64 MiB', /\b64\s?Mi?B\b/i)],
    true,
    `${WORKERS} (docs PR #31002, May 2026)`,
  ),
  fact(
    'workers-startup-limit',
    'Workers startup (global scope) limit',
    [num('1 s', re(String.raw`(?<![\d.,])1${S}`))],
    true,
    'FACTS.md, Cloudflare changelog 2025-10-10',
  ),
  fact(
    'workers-paid-pricing',
    'Workers Standard pricing',
    [
      num('$5', /\$\s?5\b/),
      num('10M requests', /\b10\s?M\b|\b10 million\b/i),
      num('$0.30', /\$\s?0\.30\b/),
    ],
    true,
    'FACTS.md, Workers pricing',
  ),
  fact(
    'workers-included-cpu',
    'CPU time included in Workers Standard',
    [num('30M CPU-ms', /\b30\s?M\s?CPU-?ms\b|\b30 million CPU/i)],
    true,
    'FACTS.md, Workers pricing',
  ),
  fact(
    'workers-cpu-price',
    'Workers Standard price per extra million CPU-ms',
    [num('$0.02', /\$\s?0\.02\b/)],
    true,
    'FACTS.md, Workers pricing',
  ),
  fact(
    'kv-propagation',
    'Workers KV propagation delay',
    [num('60 s', re(String.raw`\b60${S}|\b(1|one)${MIN}`))],
    false,
    'FACTS.md, How KV works',
  ),
  fact(
    'd1-size-paid',
    'D1 database size, Paid',
    [num('10 GB', /\b10\s?GB\b/i)],
    true,
    'FACTS.md, D1 limits (Apr 2026)',
  ),
  fact(
    'd1-size-free',
    'D1 database size, Free',
    [num('500 MB', /\b500\s?MB\b/i)],
    true,
    'FACTS.md, D1 limits (Apr 2026)',
  ),
  // Vercel and Google
  fact(
    'vercel-payload',
    'Vercel Functions request and response body',
    [num('4.5 MB', /\b4\.5\s?MB\b/i)],
    true,
    `${VERCEL} FUNCTION_PAYLOAD_TOO_LARGE (Feb 2026) — 4 MB is wrong`,
  ),
  fact(
    'vercel-edge-first-byte',
    'Vercel edge runtime time to first byte',
    [num('25 s', re(String.raw`\b25${S}`))],
    true,
    `${VERCEL} edge runtime`,
  ),
  fact(
    'vercel-memory-hobby',
    'Vercel Functions memory, Hobby',
    [num('2 GB', /\b2\s?GB\b/i)],
    true,
    `${VERCEL} limitations (Dec 2025)`,
  ),
  fact(
    'vercel-memory-pro',
    'Vercel Functions memory, Pro and Enterprise',
    [num('4 GB', /\b4\s?GB\b/i)],
    true,
    `${VERCEL} limitations (Dec 2025)`,
  ),
  fact(
    'vercel-duration-default',
    'Vercel Functions default maximum duration',
    [num('300 s', re(String.raw`\b300${S}|\b5${MIN}`))],
    true,
    `${VERCEL} limitations (Dec 2025)`,
  ),
  fact(
    'vercel-duration-pro-max',
    'Vercel Functions maximum duration, Pro and Enterprise',
    [num('800 s', re(String.raw`\b800${S}`))],
    true,
    `${VERCEL} limitations (Dec 2025)`,
  ),
  fact(
    'vercel-hobby-invocations',
    'Vercel Hobby invocations a month',
    [num('1M', /\b1\s?M\b|\b1 million\b/i)],
    true,
    `${VERCEL} usage and pricing (2026) — 100K is the legacy figure`,
  ),
  fact(
    'nextjs-proxy-file',
    'the Next.js 16 middleware file',
    [num('proxy.ts', /\bproxy\.ts\b/)],
    true,
    'FACTS.md, Next.js middleware-to-proxy (Oct 2025)',
  ),
  fact(
    'cloud-run-functions-http-timeout',
    'Cloud Run functions timeout, HTTP',
    [num('60 min', re(String.raw`\b60${MIN}`))],
    false,
    'FACTS.md, Google Cloud Run functions',
  ),
  fact(
    'cloud-run-functions-event-timeout',
    'Cloud Run functions timeout, event-driven',
    [num('9 min', re(String.raw`\b9${MIN}`))],
    false,
    'FACTS.md, Google Cloud Run functions',
  ),
  fact(
    'cloud-run-functions-memory',
    'Cloud Run functions memory',
    [num('32 GiB', /\b32\s?Gi?B\b/i)],
    false,
    'FACTS.md, Google Cloud Run functions',
  ),
];

export function findFact(id: string): Fact | undefined {
  return FACTS.find((f) => f.id === id);
}

/** A figure FACTS.md marks wrong or outdated, and what to say instead. */
export interface WrongFigure {
  id: string;
  /** The figure. */
  pattern: RegExp;
  /** It only counts in a sentence that also matches this (what the figure is about). */
  context?: RegExp;
  /** A sentence that also matches this is right to state the figure (e.g. its real region). */
  allow?: RegExp;
  /** What FACTS.md says instead. */
  correct: string;
}

export const WRONG_FIGURES: readonly WrongFigure[] = [
  {
    id: 'async-payload-256-kb',
    pattern: /\b256\s?Ki?B\b/i,
    context: /async|invocationtype|\bevent\b|sqs|eventbridge|putevents|invok|payload/i,
    // Still right for SNS messages and Step Functions state payloads.
    allow: /\bsns\b|step functions|state machine|\bsfn\b/i,
    correct:
      'Lambda async invocations, SQS and EventBridge take 1 MB since Oct 2025 / Jan 2026 (256 KB is outdated).',
  },
  {
    id: 'pc-rate-wrong-region',
    pattern: /0\.000004646/,
    allow: /eu-west-1|ca-central-1|ireland|canada/i,
    correct:
      'us-east-1 provisioned concurrency is $0.0000041667/GB-s (+ $0.0000097222/GB-s executing); $0.000004646 is the eu-west-1 / ca-central-1 rate.',
  },
  {
    id: 'fargate-30-a-month',
    pattern: /\$\s?30(\.00)?\s*(\/|per|a)\s*mo(nth)?\b/i,
    context: /fargate|container|task/i,
    correct: 'Fargate 0.5 vCPU / 1 GB is about $18.02 a month (730 h), not ~$30.',
  },
  {
    id: 'ratio-150x',
    pattern: /\b150\s?(x|×|times)(?!\w)/i,
    correct: 'The low-traffic example is ≈97x ($18.02 / $0.19), not 150x.',
  },
  {
    id: 'streaming-20-mb',
    pattern: /\b20\s?Mi?B\b/i,
    context: /stream/i,
    correct: 'Lambda streamed responses go up to 200 MB since Jul 2025 (20 MB is outdated).',
  },
  {
    id: 'nodejs-old-runtime-current',
    pattern: /\bnodejs(1[0-8]|20)\.x\b|\bnode(\.js)?\s?(1[0-8])\b/i,
    correct:
      'Current Lambda Node.js runtimes are nodejs22.x and nodejs24.x (nodejs18.x ended 1 Sep 2025; nodejs20.x deprecated 30 Apr 2026).',
  },
  {
    id: 'vpc-cold-start-penalty',
    pattern:
      /\b1\s?(–|-|to)\s?2\s?s(ec(ond)?s?)?\b|\b(adds?|extra|penalty of)\s+(~\s?|about\s+|up to\s+)?\d+(\.\d+)?\s?s(ec(ond)?s?)?\b|\benable\s+hyperplane\b/i,
    context: /\bvpc\b|hyperplane|\beni/i,
    correct:
      'VPC functions have had no per-cold-start ENI penalty since Hyperplane reached every account (2019–2020); there is nothing to enable.',
  },
  {
    id: 'keep-alive-5-15-min',
    pattern: /\b5\s?(–|-|to)\s?15\s?min(ute)?s?\b/i,
    context: /warm|keep|idle|reus|retain|alive|environment|container|instance/i,
    correct:
      'AWS keeps an idle execution environment for a non-deterministic time; "5–15 min" is folklore, not a documented figure.',
  },
  {
    id: 'pc-15-a-month',
    pattern: /\$\s?15\s*(\/|per|a)\s*(month|mo)\b/i,
    context: /provisioned/i,
    correct:
      'Provisioned concurrency per environment-month depends on memory: 128 MB ≈ $1.37, 512 MB ≈ $5.48, 1 GB ≈ $10.95 (us-east-1, 730 h).',
  },
  {
    id: 'vercel-4-mb',
    pattern: /(?<![\d.])4\s?MB\b/i,
    context: /vercel/i,
    correct: 'Vercel Functions take 4.5 MB request and response bodies.',
  },
  {
    id: 'vercel-free-100k',
    pattern: /\b100\s?(K|,000)\s*(invocations|requests|executions)?\s*(\/|per|a)\s*month/i,
    context: /vercel|hobby/i,
    correct: 'Vercel Hobby now includes 1M invocations a month; 100K was the legacy figure.',
  },
  {
    id: 'java-dotnet-cold-start-seconds',
    pattern: /\b(3\s?(–|-|to)\s?10|1\s?(–|-|to)\s?3)\s?s(ec(ond)?s?)?\b/i,
    context: /\bjava\b|\.net\b/i,
    allow: /spring|framework|heavy|large|big/i,
    correct:
      'Minimal Java functions start in 184–325 ms and .NET 8 in 245–284 ms (maxday/lambda-perf, Dec 2025); seconds only with heavy frameworks.',
  },
];

/**
 * Words that frame a figure as old or wrong. A sentence containing one of them may quote a
 * known-wrong figure ("Async payloads used to be 256 KB").
 */
export const FRAMING =
  /\b(was|were|used to|outdated|old|older|previous(ly)?|former(ly)?|legacy|no longer|not|never|myth|folklore|wrong|incorrect|deprecated|end of support|ended|retired|instead of|rather than|raised|up from|increased|replaced|non-deterministic|unverifiable|anecdotal|claim(ed|s)?)\b|n't\b/i;

/** A card's text without markdown markup, for matching figures. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__|`/g, '')
    .replace(/[\u00a0\u2009\u202f]/g, ' ');
}

/** Sentences: split at `.`, `!` or `?` followed by a space, and at line breaks. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface FactMismatch {
  fact: Fact;
  missing: FactValue[];
}

/** The values of `fact` that `text` does not contain. */
export function missingValues(fact: Fact, text: string): FactValue[] {
  const plain = plainText(text);
  return fact.values.filter((v) => !v.pattern.test(plain));
}

export interface WrongFigureHit {
  figure: WrongFigure;
  /** The sentence that states it. */
  sentence: string;
  /** The figure as written. */
  match: string;
}

/** The known-wrong figures `text` states without framing them as old or wrong. */
export function wrongFigures(text: string): WrongFigureHit[] {
  const hits: WrongFigureHit[] = [];
  for (const sentence of sentences(plainText(text))) {
    for (const figure of WRONG_FIGURES) {
      const match = figure.pattern.exec(sentence);
      if (!match) continue;
      if (figure.context && !figure.context.test(sentence)) continue;
      if (figure.allow?.test(sentence)) continue;
      if (FRAMING.test(sentence)) continue;
      hits.push({ figure, sentence, match: match[0] });
    }
  }
  return hits;
}
