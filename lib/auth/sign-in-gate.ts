// A counting semaphore without a queue. Password sign-ins are anonymous, each costs a 32 MiB scrypt
// (lib/auth/password.ts) and a few statements: without a cap a burst fills libuv's thread pool and
// the database pool, and signed-in users wait behind it. Past the cap an attempt is refused at once
// (429, Retry-After 1) instead of waiting: a waiting attempt would still hold its HTTP request, and
// queued work is exactly what the burst wants to build.

export interface Gate {
  /** A release function when a slot was free, else null. Release exactly once. */
  tryEnter(): (() => void) | null;
  readonly inFlight: number;
  /** No slot free now: lets a caller shed an attempt before doing any work for it. */
  readonly isFull: boolean;
}

export function createGate(capacity: number): Gate {
  let inFlight = 0;
  return {
    tryEnter() {
      if (inFlight >= capacity) return null;
      inFlight++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight--;
      };
    },
    get inFlight() {
      return inFlight;
    },
    get isFull() {
      return inFlight >= capacity;
    },
  };
}
