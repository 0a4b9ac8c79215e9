declare module "async-exit-hook" {
  /** Registers a hook run on exit, SIGINT and SIGTERM; async hooks call `done` when finished. */
  export default function exitHook(hook: (done: () => void) => void): void;
}
