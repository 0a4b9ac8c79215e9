// Routes that take a verb's name from the path (/api/questions/<id>/<action>, …) look it up here: only
// the table's own entries count, so a name inherited from Object.prototype ("constructor", "toString",
// "__proto__") is an unknown action (404), never a call of that function with the request's context.
import { m, NotFoundError } from "../errors";

export function actionNamed<T>(table: Readonly<Record<string, T>>, name: string): T {
  if (!Object.hasOwn(table, name)) throw new NotFoundError(m("errors.noSuchAction"));
  return table[name]!;
}
