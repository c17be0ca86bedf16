/**
 * Lab 04 — the function being called (the callee). It is ready: you do not edit it. It greets,
 * or fails on purpose when asked, so you can see what a function error looks like to a caller.
 */

/** Thrown on request: the caller receives its name as `errorType`. */
export class GreetingRefusedError extends Error {
  override readonly name = 'GreetingRefusedError';
}

export interface GreeterEvent {
  name?: unknown;
  /** Set to true to make the function throw (an "Unhandled" function error). */
  fail?: unknown;
}

export const handler = async (event: GreeterEvent | null): Promise<{ greeting: string }> => {
  const name =
    typeof event?.name === 'string' && event.name.trim() !== '' ? event.name.trim() : 'world';
  // Lands in the log, so a caller that asks for the tail (LogType: 'Tail') sees it.
  console.log(`greeting ${name}`);
  if (event?.fail === true) throw new GreetingRefusedError(`Refusing to greet ${name}, as asked`);
  return { greeting: `Hello, ${name}!` };
};
