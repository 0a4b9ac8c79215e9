"use client";

import { ActionForm } from "../questions/action-form";

/** 重试 of one failed or retrying delivery (admin page). */
export function RetryDeliveryButton({ id }: { id: string }) {
  return <ActionForm action={`/api/admin/notifications/${id}/retry`} testId={`retry-${id}`} submitLabel="重试" tone="plain" build={() => ({})} />;
}
