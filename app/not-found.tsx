import { HomeLink } from "@/components/home-link";
import { StatusPage } from "@/components/status-page";

export default function NotFound() {
  return <StatusPage name="notFound" link={<HomeLink />} />;
}
