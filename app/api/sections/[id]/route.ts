import { db } from "@/lib/db/client";
import { authedRoute } from "@/lib/http/route";
import { getSection } from "@/lib/policies/get-section";

// Every answer carries its version and whether it is current: an old id answers its old text, labelled.
export const GET = authedRoute<{ id: string }>({}, async ({ params }) => getSection({ db: db() }, { id: params.id }));
