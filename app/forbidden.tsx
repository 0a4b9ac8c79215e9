import { HomeLink } from "@/components/home-link";
import { StatusPage } from "@/components/status-page";

/** Rendered with status 403 by forbidden() (requirePageActor with a role the user lacks). */
export default function Forbidden() {
  return <StatusPage name="forbidden" link={<HomeLink />} />;
}
