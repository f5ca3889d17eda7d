"use client";
// A signed-in person's notifications arrive on the one shared socket (their per-person room, ADR 035):
// each one is put at the top of the cached list, so the bell's count changes without a request.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { NOTIFICATIONS_KEY } from "@/components/matching/queries";
import type { NotificationDto } from "@/server/domain/realtime-contract";
import { EVENTS, getSocket } from "./socket";

type NotificationList = { items: NotificationDto[]; unread: number };

export function addNotification(list: NotificationList | undefined, n: NotificationDto): NotificationList | undefined {
  if (!list || list.items.some((i) => i.id === n.id)) return list;
  return { items: [n, ...list.items], unread: list.unread + (n.readAt ? 0 : 1) };
}

export function useNotificationStream(signedIn: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!signedIn) return;
    const socket = getSocket();
    const onNotification = (n: NotificationDto) => {
      qc.setQueryData<NotificationList>(NOTIFICATIONS_KEY, (list) => addNotification(list, n));
      // Also read again: a list not loaded yet, or one that missed pushes while the socket was down.
      void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    };
    // After a reconnect (sign-in, network) pushes sent meanwhile are only in the database: read again.
    const onConnect = () => void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    socket.on(EVENTS.NOTIFICATION, onNotification);
    socket.on("connect", onConnect);
    return () => {
      socket.off(EVENTS.NOTIFICATION, onNotification);
      socket.off("connect", onConnect);
    };
  }, [signedIn, qc]);
}
