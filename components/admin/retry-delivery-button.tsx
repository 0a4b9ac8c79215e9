"use client";

import { useT } from "../i18n-provider";
import { ActionForm } from "../questions/action-form";

/** Retry of one failed or retrying delivery (admin page). */
export function RetryDeliveryButton({ id }: { id: string }) {
  const t = useT();
  return <ActionForm action={`/api/admin/notifications/${id}/retry`} testId={`retry-${id}`} submitLabel={t("admin.deliveries.retry")} tone="plain" build={() => ({})} />;
}
