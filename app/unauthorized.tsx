import { SignInLink } from "@/components/sign-in-link";
import { StatusPage } from "@/components/status-page";

/** Rendered with status 401 by unauthorized() (requirePageActor with no session). */
export default function Unauthorized() {
  return <StatusPage name="unauthorized" link={<SignInLink />} />;
}
