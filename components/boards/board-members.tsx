"use client";
import { useState } from "react";
import { errorMessage } from "@/components/forms/form-errors";
import { ErrorText } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { BoardDto, BoardMemberDto } from "@/server/domain/dto";
import { useBoardMembers, useRemoveMember } from "./queries";

/**
 * Who is on the board, for its members. A steward can remove a member (asked once more), as a board
 * needs when someone leaves an organization or stops keeping the covenant.
 */
export function BoardMembers({ board, myId }: { board: BoardDto; myId: string }) {
  const [open, setOpen] = useState(false);
  const members = useBoardMembers(board.slug, open);
  const isSteward = board.myRole === "steward";

  return (
    <details className="rounded-lg border border-stone-200 bg-white px-4 py-3 text-sm" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="font-medium text-stone-800">
        Members ({board.memberCount})
      </summary>
      {members.isPending ? (
        open ? (
          <p className="mt-2 text-stone-600">Loading members…</p>
        ) : null
      ) : members.isError ? (
        <ErrorText className="mt-2">{errorMessage(members.error)}</ErrorText>
      ) : (
        <ul className="mt-2 flex flex-col divide-y divide-stone-100" data-testid="board-members">
          {members.data.map((m) => (
            <MemberRow key={m.userId} board={board} member={m} isMe={m.userId === myId} canRemove={isSteward && m.userId !== myId} />
          ))}
        </ul>
      )}
    </details>
  );
}

function MemberRow({ board, member, isMe, canRemove }: { board: BoardDto; member: BoardMemberDto; isMe: boolean; canRemove: boolean }) {
  const remove = useRemoveMember(board.slug);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  return (
    <li className="flex flex-col gap-1 py-2">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-stone-900">
          {member.name}
          {isMe ? " (you)" : ""}
        </span>
        {member.role === "steward" ? <Badge tone="teal">Steward</Badge> : null}
        {canRemove && !confirming ? (
          <Button variant="ghost" size="sm" className="ml-auto" aria-label={`Remove ${member.name}`} onClick={() => setConfirming(true)}>
            Remove
          </Button>
        ) : null}
      </div>
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2">
          <span>
            Remove {member.name} from “{board.name}”? Their signals and claims stay.
          </span>
          <Button
            variant="danger"
            size="sm"
            pending={remove.isPending}
            onClick={() =>
              remove.mutate(member.userId, { onError: (err) => setError(errorMessage(err)), onSuccess: () => setConfirming(false) })
            }
          >
            Yes, remove {member.name}
          </Button>
          <Button variant="secondary" size="sm" onClick={() => setConfirming(false)}>
            Keep
          </Button>
        </div>
      ) : null}
      <ErrorText>{error}</ErrorText>
    </li>
  );
}
