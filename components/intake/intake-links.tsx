"use client";
// On the board page: the public "Request supplies" link when the board takes requests, and for its
// stewards how many requests wait for them.
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import type { BoardDto } from "@/server/domain/dto";
import { useIntakeForm, useIntakeList } from "./queries";

export function IntakeLinks({ board }: { board: BoardDto }) {
  const slug = encodeURIComponent(board.slug);
  const form = useIntakeForm(board.slug);
  const steward = board.myRole === "steward";
  const queue = useIntakeList(board.slug, "pending", steward);
  const waiting = queue.data?.counts.pending ?? 0;
  if (!form.data?.accepting && !steward) return null;
  return (
    <div className="flex flex-wrap items-center gap-3">
      {form.data?.accepting ? (
        <ButtonLink href={`/boards/${slug}/request`} variant="ghost" size="sm">
          Request supplies (no account needed)
        </ButtonLink>
      ) : null}
      {steward ? (
        <ButtonLink href={`/boards/${slug}/intake`} variant="secondary" size="sm" data-testid="intake-waiting">
          Requests to check{" "}
          <Badge tone={waiting > 0 ? "amber" : "neutral"}>
            {waiting} waiting
          </Badge>
        </ButtonLink>
      ) : null}
    </div>
  );
}
