"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { errorMessage } from "@/components/forms/form-errors";
import { ErrorText } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { BoardDto } from "@/server/domain/dto";
import { useLeaveBoard } from "./queries";

/**
 * Leaving ends a membership: asked once more, since on a members-only board it also ends what the
 * person can see. The last steward cannot leave (the API says so, and the message is shown).
 */
export function LeaveBoard({ board }: { board: BoardDto }) {
  const leave = useLeaveBoard(board);
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const questionId = useId();

  const consequence =
    board.visibility === "members"
      ? "You will no longer be able to see this board, post or claim here. Your signals and claims stay."
      : "You will no longer be able to post or claim here. Your signals and claims stay.";

  return (
    <section aria-label="Your membership" className="border-t border-stone-200 pt-4 text-sm text-stone-700">
      {!confirming ? (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            setError(null);
            setConfirming(true);
          }}
        >
          Leave this board
        </Button>
      ) : (
        <div role="group" aria-labelledby={questionId} className="flex flex-col gap-2">
          <p id={questionId}>
            Leave “{board.name}”? {consequence}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button
              variant="danger"
              size="sm"
              pending={leave.isPending}
              onClick={() =>
                leave.mutate(undefined, {
                  onError: (err) => setError(errorMessage(err)),
                  onSuccess: () => (board.visibility === "members" ? router.push("/boards") : setConfirming(false)),
                })
              }
            >
              Yes, leave the board
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setConfirming(false)}>
              Stay
            </Button>
          </div>
        </div>
      )}
      <ErrorText className="mt-2">{error}</ErrorText>
    </section>
  );
}
