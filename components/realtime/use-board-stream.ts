"use client";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useEffectEvent, useSyncExternalStore } from "react";
import { boardQuery } from "@/components/boards/queries";
import type { StreamState } from "./board-streams";
import { useBoardStreams } from "./realtime-provider";

const SERVER_STATE: StreamState = { status: "connecting", viewers: 0 };

/**
 * Streams a board's events into the query cache while mounted and reports `{status, viewers}`.
 * It starts after the board's `lastSeq` (GET /boards/:slug), so a list loaded after the board and
 * this stream together miss nothing. Pass `ready: false` until the page's own data has loaded: events
 * that arrive while a list is still loading would be overwritten by its (older) answer.
 */
export function useBoardStream(slug: string | undefined, opts: { ready?: boolean } = {}): StreamState {
  const streams = useBoardStreams();
  const board = useQuery({ ...boardQuery(slug ?? ""), enabled: !!slug });
  const lastSeq = board.data?.lastSeq;
  const ready = opts.ready ?? true;

  // lastSeq only seeds the first join; later board refetches must not restart the stream, so the effect
  // reads it through an effect event instead of depending on it.
  const hasLastSeq = lastSeq !== undefined;
  const retain = useEffectEvent((s: string) => streams.retain(s, lastSeq ?? 0));
  useEffect(() => {
    if (!slug || !hasLastSeq || !ready) return;
    return retain(slug);
  }, [slug, ready, hasLastSeq]);

  const subscribe = useCallback((fn: () => void) => (slug ? streams.watch(slug, fn) : () => {}), [streams, slug]);
  const get = useCallback(() => (slug ? streams.getState(slug) : SERVER_STATE), [streams, slug]);
  return useSyncExternalStore(subscribe, get, () => SERVER_STATE);
}
