import "server-only";
import { serverEnv } from "../env";
import { createGate, type Gate } from "./sign-in-gate";

// On globalThis, not in a module variable: Next may load this module in more than one bundle (the
// route and the next-auth options), and the cap must be one per process.
const GATE = Symbol.for("shouwen.signInGate");

/** The process-wide cap on password sign-ins in progress (LOGIN_MAX_CONCURRENT). */
export function signInGate(): Gate {
  const holder = globalThis as unknown as { [GATE]?: Gate };
  holder[GATE] ??= createGate(serverEnv().LOGIN_MAX_CONCURRENT);
  return holder[GATE];
}
