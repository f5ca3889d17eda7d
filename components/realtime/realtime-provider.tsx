"use client";
// Gives the app one BoardStreams, wired to the shared socket and to this tab's query cache.
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useState, type ReactNode } from "react";
import { MATCHES_KEY, SUGGESTIONS_KEY } from "@/components/matching/queries";
import { applyBoardEvent } from "./apply-event";
import { BoardStreams } from "./board-streams";
import { coalesce } from "./coalesce";
import { streamSocket } from "./socket";

const StreamsContext = createContext<BoardStreams | null>(null);

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  // The socket itself is only opened when a page first watches a board (BoardStreams is lazy).
  const [streams] = useState(() => {
    // The coordinator's view reads aggregates over whole boards: any event may change them, and none can
    // be folded in by hand, so its queries (["coordination", ...]) are asked again, once per burst.
    const refreshCoordination = coalesce(() => void queryClient.invalidateQueries({ queryKey: ["coordination"] }), 400, 2000);
    // Matches and "suggested for you" are ranked on the server from many signals at once: a change to any
    // signal or claim on a watched board may reorder them, so they are asked again, once per burst (ADR 034).
    const refreshMatching = coalesce(
      () => {
        void queryClient.invalidateQueries({ queryKey: MATCHES_KEY });
        void queryClient.invalidateQueries({ queryKey: SUGGESTIONS_KEY });
      },
      300,
      2000,
    );
    return new BoardStreams(
      () => streamSocket(),
      (e) => {
        applyBoardEvent(queryClient, e);
        refreshCoordination();
        if (e.type.startsWith("signal") || e.type.startsWith("claim.")) refreshMatching();
      },
      {
        // Losing a board means one's sign-in or memberships changed: what "me" and the board list say too.
        onRevoked: () => {
          void queryClient.invalidateQueries({ queryKey: ["me"] });
          void queryClient.invalidateQueries({ queryKey: ["boards"], exact: true });
        },
      },
    );
  });
  return <StreamsContext.Provider value={streams}>{children}</StreamsContext.Provider>;
}

export function useBoardStreams(): BoardStreams {
  const streams = useContext(StreamsContext);
  if (!streams) throw new Error("useBoardStreams must be used inside <RealtimeProvider>");
  return streams;
}
