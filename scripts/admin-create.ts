// npm run admin:create -- --email it@company.cn [--name 张三]
// Creates the first admin (or makes an existing account admin again). The password is read from
// standard input — typed at a hidden prompt, or piped: `printf '%s' "$PW" | npm run admin:create -- …` —
// never from the command line, where it would end up in the shell history and the process list.
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { createAdmin } from "../lib/admin/create-admin";
import { ValidationError } from "../lib/errors";
import { openCliDb } from "./lib/cli-db";

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = "";
    for await (const chunk of process.stdin) text += chunk;
    return text.split(/\r?\n/)[0] ?? "";
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      process.stdout.write(q);
      // Hide what is typed: echo nothing while the answer is read.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
      rl.question("", (a) => {
        process.stdout.write("\n");
        resolve(a);
      });
    });
  const first = await ask("密码 / password: ");
  const second = await ask("再次输入 / again: ");
  rl.close();
  if (first !== second) throw new ValidationError({ password: "两次输入的密码不一致" });
  return first;
}

let code = 0;
try {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } }, strict: true });
  if (!values.email) throw new ValidationError({ email: "请用 --email 指定管理员邮箱" });
  const password = await readPassword();
  const { db, close } = await openCliDb();
  try {
    const result = await createAdmin({ db, now: new Date() }, { email: values.email, name: values.name, password });
    console.log(`${result.created ? "created" : "updated"} admin ${result.email}: sign in at /signin with this e-mail and the password`);
  } finally {
    await close();
  }
} catch (err) {
  if (err instanceof ValidationError) {
    for (const [field, why] of Object.entries(err.fields)) console.error(`✗ ${field}: ${why}`);
  } else console.error(`✗ ${(err as Error).message}`);
  code = 1;
}
process.exit(code);
