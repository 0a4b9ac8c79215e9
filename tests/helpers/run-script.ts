// A CLI script run as its npm script runs it (node --conditions=react-server --import tsx), for tests.
import { spawn } from "node:child_process";

/** Runs `script` with `args`, `env` over this process's environment and `stdin`; stdout and stderr together. */
export function runScript(script: string, args: string[], env: Record<string, string>, stdin = ""): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], {
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? -1, out }));
    child.stdin.end(stdin);
  });
}
