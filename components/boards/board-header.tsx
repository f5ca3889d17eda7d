import Link from "next/link";
import { LiveStatus } from "@/components/realtime/live-status";
import type { StreamState } from "@/components/realtime/board-streams";
import { Badge } from "@/components/ui/badge";
import type { BoardDto } from "@/server/domain/dto";
import { countOf } from "@/components/format/numbers";

export function BoardHeader({ board, stream }: { board: BoardDto; stream: StreamState }) {
  return (
    <header className="flex flex-col gap-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{board.name}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-stone-600">
            <span>
              Licence: <span data-testid="board-licence">{board.licence}</span>
            </span>
            <span aria-hidden="true">·</span>
            <span>
              {countOf(board.memberCount, "member")}
            </span>
            <Badge tone={board.visibility === "public" ? "green" : "amber"}>
              {board.visibility === "public" ? "Public" : "Members only"}
            </Badge>
            {board.myRole ? <Badge tone="teal">{board.myRole === "steward" ? "You are a steward" : "You are a member"}</Badge> : null}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {/* Anyone who can read the board can see its gaps and risks; the link names the board in the view's URL. */}
          <Link href={`/coordinate?boards=${encodeURIComponent(board.slug)}`} className="text-sm font-medium" data-testid="coordinate-link">
            Coordinate
          </Link>
          <Link href={`/boards/${encodeURIComponent(board.slug)}/planning`} className="text-sm font-medium" data-testid="planning-link">
            Planning
          </Link>
          <LiveStatus state={stream} />
        </div>
      </div>
      {board.covenant.trim() ? (
        <details className="rounded-lg border border-stone-200 bg-white px-4 py-3 text-sm">
          <summary className="font-medium text-stone-800">Covenant</summary>
          <div className="mt-2 whitespace-pre-wrap text-stone-700" data-testid="board-covenant">
            {board.covenant}
          </div>
        </details>
      ) : null}
    </header>
  );
}
