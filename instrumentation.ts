// Runs once when a Next.js server starts: a bad setting stops it here, naming the variable.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { serverEnv } = await import("./lib/env");
    const { log } = await import("./lib/log");
    const env = serverEnv();
    log.setLevel(env.LOG_LEVEL);
  }
}
