"use client";
// 全部标为已读 / 标为已读 on /notifications: posts { all: true } or { ids: [id] }; the server marks only the caller's own rows.
import { ActionForm } from "@/components/questions/action-form";
import { useT } from "../i18n-provider";

export function MarkAllRead() {
  const t = useT();
  return <ActionForm action="/api/notifications/read" testId="inbox-mark-all" submitLabel={t("notifications.markAllRead")} tone="plain" build={() => ({ all: true })} />;
}

export function MarkRead({ id }: { id: string }) {
  const t = useT();
  return <ActionForm action="/api/notifications/read" testId={`inbox-mark-${id}`} submitLabel={t("notifications.markRead")} tone="plain" build={() => ({ ids: [id] })} />;
}
