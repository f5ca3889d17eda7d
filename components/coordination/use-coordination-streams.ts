"use client";
// Follows the stream of every board the view covers while it is open. Each event lands in the query cache
// through the realtime provider, which also re-asks the view's ["coordination"] queries once per burst.
import { useCallback, useEffect, useEffectEvent, useSyncExternalStore } from "react";
import { useBoardStreams } from "@/components/realtime/realtime-provider";
import type { StreamState, StreamStatus } from "@/components/realtime/board-streams";
import type { CoordinationBoardDto } from "@/server/domain/coordination-query";

const RANK: Record<StreamStatus, number> = { revoked: 0, offline: 1, connecting: 2, live: 3 };
const cache = new Map<string, StreamState>();

/** One state for several streams: the worst status among them, and everyone viewing any of them. */
function combined(states: StreamState[]): StreamState {
  if (states.length === 0) return { status: "connecting", viewers: 0 };
  const status = states.reduce((w, s) => (RANK[s.status] < RANK[w] ? s.status : w), "live" as StreamStatus);
  const viewers = states.reduce((n, s) => n + s.viewers, 0);
  const key = `${status}:${viewers}`;
  // The same object for the same state, as useSyncExternalStore requires.
  if (!cache.has(key)) cache.set(key, { status, viewers });
  return cache.get(key)!;
}

const SERVER_STATE: StreamState = { status: "connecting", viewers: 0 };

export function useCoordinationStreams(boards: CoordinationBoardDto[] | undefined): StreamState {
  const streams = useBoardStreams();
  const slugs = (boards ?? []).map((b) => b.slug).join(",");
  // Each board's lastSeq (read before the figures) only seeds its first join; refetches must not restart it.
  const retain = useEffectEvent((slug: string) => streams.retain(slug, boards?.find((b) => b.slug === slug)?.lastSeq ?? 0));
  useEffect(() => {
    if (!slugs) return;
    const releases = slugs.split(",").map((slug) => retain(slug));
    return () => releases.forEach((release) => release());
  }, [slugs]);

  const subscribe = useCallback(
    (fn: () => void) => {
      const stops = slugs ? slugs.split(",").map((s) => streams.watch(s, fn)) : [];
      return () => stops.forEach((stop) => stop());
    },
    [streams, slugs],
  );
  const get = useCallback(() => (slugs ? combined(slugs.split(",").map((s) => streams.getState(s))) : SERVER_STATE), [streams, slugs]);
  return useSyncExternalStore(subscribe, get, () => SERVER_STATE);
}
