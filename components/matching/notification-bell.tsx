"use client";
import Link from "next/link";
import { useState } from "react";
import { useNotificationStream } from "@/components/realtime/use-notification-stream";
import { Button } from "@/components/ui/button";
import { useMarkNotificationsRead, useNotifications } from "./queries";

/** The header's bell: unread notifications of new needs (ADR 035), live, with a list to open. */
export function NotificationBell() {
  useNotificationStream(true);
  const list = useNotifications(true);
  const markRead = useMarkNotificationsRead();
  const [open, setOpen] = useState(false);
  const unread = list.data?.unread ?? 0;
  return (
    <div className="relative">
      <button
        type="button"
        className="relative rounded-md px-2 py-1.5 text-sm font-medium text-stone-700 hover:bg-stone-100"
        aria-expanded={open}
        aria-controls="notification-list"
        aria-label={`Notifications, ${unread} unread`}
        data-testid="notification-bell"
        onClick={() => setOpen((o) => !o)}
      >
        {/* Drawn, not an emoji: machines without an emoji font showed an empty box. */}
        <svg aria-hidden="true" viewBox="0 0 24 24" className="inline h-5 w-5 align-[-4px]" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 ? (
          <span data-testid="notification-count" className="ml-1 rounded-full bg-red-700 px-1.5 py-0.5 text-xs text-white">
            {unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div id="notification-list" className="absolute right-0 z-20 mt-2 w-80 rounded-lg border border-stone-200 bg-white p-3 shadow-lg">
          <div className="mb-2 flex items-center justify-between">
            <h2 className="text-sm font-semibold">Notifications</h2>
            {unread > 0 ? (
              <Button size="sm" variant="ghost" pending={markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
                Mark all read
              </Button>
            ) : null}
          </div>
          {list.data?.items.length ? (
            <ul className="flex max-h-96 flex-col gap-2 overflow-y-auto text-sm">
              {list.data.items.map((n) => (
                <li key={n.id} data-testid="notification" className={n.readAt ? "text-stone-500" : "font-medium text-stone-900"}>
                  <Link href={`/signals/${n.signal.id}`} onClick={() => !n.readAt && markRead.mutate({ ids: [n.id] })}>
                    {n.text}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-stone-600">
              Nothing yet. <Link href="/suggestions">Subscribe to new needs</Link> near you.
            </p>
          )}
        </div>
      ) : null}
    </div>
  );
}
