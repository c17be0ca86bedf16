/**
 * Runs the learner's ASL definition with a real ASL interpreter (aws-local-stepfunctions),
 * its Task states resolved to the learner's task handlers, retries and waits made instant.
 *
 * - The definition is validated once with asl-validator (after the SAM placeholders are
 *   replaced by ARNs, as at deploy time); each run then skips the library's own validation,
 *   which costs 100–200 ms per StateMachine.
 * - A Task is mapped by its placeholder: "Resource": "${ChargePaymentFunctionArn}" (or the
 *   optimised integration "arn:aws:states:::lambda:invoke" with that placeholder as
 *   Parameters.FunctionName, whose result is wrapped in { Payload } as AWS does).
 */
import { createRequire } from 'node:module';
import { type RunOptions, StateMachine } from 'aws-local-stepfunctions';

// aws-local-stepfunctions 3 calls Promise.withResolvers, which Node 20 lacks (Node 22 has it).
const promiseStatics = Promise as unknown as { withResolvers?: () => unknown };
promiseStatics.withResolvers ??= () => {
  let resolve!: (value: unknown) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

type AslValidator = (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };
const aslValidator = createRequire(import.meta.url)('asl-validator') as AslValidator;

export type TaskName = 'validateOrder' | 'chargePayment' | 'confirmOrder';
export type TaskHandler = (input: unknown) => Promise<unknown>;
export type Tasks = Record<TaskName, TaskHandler>;

/** The placeholders the SAM template substitutes, and the function each one names. */
export const PLACEHOLDERS: Record<string, TaskName> = {
  ValidateOrderFunctionArn: 'validateOrder',
  ChargePaymentFunctionArn: 'chargePayment',
  ConfirmOrderFunctionArn: 'confirmOrder',
};

const LAMBDA_INVOKE = /^arn:aws:states:::lambda:invoke(\.waitForTaskToken)?$/;

export interface Definition {
  StartAt?: string;
  States?: Record<string, State>;
}
export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: string;
}
export interface State {
  Type?: string;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  Retry?: Retrier[];
  Catch?: { ErrorEquals: string[]; Next: string; ResultPath?: string | null }[];
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
  [key: string]: unknown;
}

const FILE = 'src/order-workflow.asl.json';

/** The learner's definition, parsed; a file that is not JSON fails with a readable message. */
export async function loadDefinition(): Promise<Definition> {
  let module: { default: unknown };
  try {
    module = (await import('@lab/lab-11-step-functions/src/order-workflow.asl.json')) as {
      default: unknown;
    };
  } catch (error) {
    throw new Error(`${FILE} could not be read as JSON: ${(error as Error).message}`);
  }
  const definition = module.default;
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition))
    throw new Error(`${FILE} must hold a JSON object with StartAt and States`);
  return definition as Definition;
}

/** Which function a Task state invokes, and whether through the lambda:invoke integration. */
export function taskTarget(state: State): {
  task?: TaskName;
  placeholder?: string;
  wrapped: boolean;
} {
  const wrapped = typeof state.Resource === 'string' && LAMBDA_INVOKE.test(state.Resource);
  const reference = wrapped ? state.Parameters?.FunctionName : state.Resource;
  const placeholder =
    typeof reference === 'string' ? /\$\{(\w+)\}/.exec(reference)?.[1] : undefined;
  return { task: placeholder ? PLACEHOLDERS[placeholder] : undefined, placeholder, wrapped };
}

/** The definition as deployed: every ${Placeholder} replaced by a Lambda ARN. */
export function substituted(definition: Definition): Definition {
  return JSON.parse(
    JSON.stringify(definition).replace(
      /\$\{(\w+)\}/g,
      (_, name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`,
    ),
  ) as Definition;
}

const validations = new Map<string, string | null>();

/** null when the definition is valid ASL, else the validator's errors (computed once). */
export function aslErrors(definition: Definition): string | null {
  const key = JSON.stringify(definition);
  if (!validations.has(key)) {
    const result = aslValidator(substituted(definition));
    validations.set(key, result.isValid ? null : result.errorsText('\n'));
  }
  return validations.get(key) ?? null;
}

export interface EventLogEntry {
  type: string;
  state?: { name: string; type: string; input: unknown; output?: unknown };
  retry?: { retrier: Retrier; attempt: number };
  catch?: { catcher: { ErrorEquals: string[]; Next: string; ResultPath?: string } };
  Error?: string;
  Cause?: unknown;
  output?: unknown;
}

export interface Run {
  status: 'SUCCEEDED' | 'FAILED';
  output?: unknown;
  error?: { name: string; message: string };
  events: EventLogEntry[];
  /** The task functions called, in order. */
  calls: TaskName[];
}

const MAX_TASK_CALLS = 60;

type LocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

/** Runs the workflow to its end with `tasks` behind its Task states. */
export async function runWorkflow(
  definition: Definition,
  tasks: Tasks,
  input: unknown,
): Promise<Run> {
  const errors = aslErrors(definition);
  if (errors !== null)
    throw new Error(`${FILE} is not a valid state machine, so it cannot run:\n${errors}`);
  const states = definition.States ?? {};
  const calls: TaskName[] = [];
  let abort = () => {};
  const taskResourceLocalHandlers: LocalHandlers = {};
  const retryIntervalOverrides: Record<string, number> = {};
  const waitTimeOverrides: Record<string, number> = {};
  for (const [name, state] of Object.entries(states)) {
    if (state.Retry) retryIntervalOverrides[name] = 0;
    if (state.Type === 'Wait') waitTimeOverrides[name] = 0;
    if (state.Type !== 'Task') continue;
    const { task, placeholder, wrapped } = taskTarget(state);
    taskResourceLocalHandlers[name] = (async (taskInput: unknown) => {
      if (!task)
        throw new Error(
          `Task state "${name}" invokes ${placeholder ? `\${${placeholder}}` : JSON.stringify(state.Resource)}, which is none of ${Object.keys(
            PLACEHOLDERS,
          )
            .map((p) => `\${${p}}`)
            .join(', ')}`,
        );
      calls.push(task);
      if (calls.length > MAX_TASK_CALLS) {
        abort();
        throw new Error(`more than ${MAX_TASK_CALLS} task calls: does a Next or Catch loop back?`);
      }
      if (!wrapped) return tasks[task](taskInput);
      const payload = (taskInput as { Payload?: unknown } | null)?.Payload ?? {};
      return { ExecutedVersion: '$LATEST', Payload: await tasks[task](payload), StatusCode: 200 };
    }) as unknown as LocalHandlers[string];
  }

  const machine = new StateMachine(substituted(definition) as never, {
    validationOptions: { noValidate: true },
  });
  const execution = machine.run(input as never, {
    overrides: { taskResourceLocalHandlers, retryIntervalOverrides, waitTimeOverrides },
  });
  abort = execution.abort;
  // Read the result and the event log together; the .catch keeps a failed execution from
  // being reported as an unhandled rejection while the log is read.
  const settled = execution.result.then(
    (output) => ({ status: 'SUCCEEDED' as const, output }),
    (error: Error) => {
      const cause = error.cause as Error | undefined;
      return {
        status: 'FAILED' as const,
        error: { name: cause?.name ?? error.name, message: cause?.message ?? error.message },
      };
    },
  );
  const events: EventLogEntry[] = [];
  for await (const event of execution.eventLogs) events.push(event as EventLogEntry);
  const outcome = await settled;
  return { ...outcome, events, calls };
}

/** The input of the state a Catch sent the execution to, or undefined if nothing was caught. */
export function caughtInto(run: Run): { state: string; input: unknown } | undefined {
  const caughtAt = run.events.findIndex((e) => e.type === 'StateCaught');
  if (caughtAt < 0) return undefined;
  const entered = run.events.slice(caughtAt).find((e) => e.type === 'StateEntered');
  return entered?.state ? { state: entered.state.name, input: entered.state.input } : undefined;
}

/** Depth-first search for an object with `Error === name` (what a Catch puts at ResultPath). */
export function findErrorInfo(value: unknown, name: string, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 8) return undefined;
  if (!Array.isArray(value) && (value as { Error?: unknown }).Error === name) return value;
  for (const child of Object.values(value)) {
    const found = findErrorInfo(child, name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Depth-first search for a string value anywhere in `value`. */
export function containsValue(value: unknown, wanted: unknown, depth = 0): boolean {
  if (value === wanted) return true;
  if (value === null || typeof value !== 'object' || depth > 8) return false;
  return Object.values(value).some((child) => containsValue(child, wanted, depth + 1));
}

/** Waits before each retry as the retrier defines them (before jitter), in seconds. */
export function retryWaits(run: Run, stateName: string): number[] {
  return run.events
    .filter((e) => e.type === 'StateRetried' && e.state?.name === stateName && e.retry)
    .map(({ retry }) => {
      const { IntervalSeconds = 1, BackoffRate = 2, MaxDelaySeconds } = retry!.retrier;
      const wait = IntervalSeconds * BackoffRate ** (retry!.attempt - 1);
      return MaxDelaySeconds === undefined ? wait : Math.min(wait, MaxDelaySeconds);
    });
}
