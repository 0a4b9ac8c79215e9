"use client";
// 全部标为已读 on /notifications: posts { all: true }; the server marks only the caller's own rows.
import { ActionForm } from "@/components/questions/action-form";

export function MarkAllRead() {
  return <ActionForm action="/api/notifications/read" testId="inbox-mark-all" submitLabel="全部标为已读" tone="plain" build={() => ({ all: true })} />;
}
