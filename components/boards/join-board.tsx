"use client";
import { useState, type FormEvent } from "react";
import { errorMessage } from "@/components/forms/form-errors";
import { ErrorText } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CheckboxField } from "@/components/ui/field";
import type { BoardDto } from "@/server/domain/dto";
import { useJoinBoard } from "./queries";

/** Joining is accepting the covenant, so the covenant is shown in full and accepted explicitly. */
export function JoinBoard({ board }: { board: BoardDto }) {
  const join = useJoinBoard(board.slug);
  const [accepted, setAccepted] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!accepted) {
      setError("Please read and accept the covenant to join.");
      return;
    }
    setError(null);
    join.mutate(undefined, { onError: (err) => setError(errorMessage(err)) });
  }

  return (
    <Card as="section" aria-labelledby="join-heading" className="border-teal-200 bg-teal-50/40">
      <h2 id="join-heading" className="text-lg font-semibold">
        Join this board to post and claim
      </h2>
      <form className="mt-3 flex flex-col gap-3" onSubmit={onSubmit}>
        <div className="max-h-60 overflow-y-auto rounded-md border border-stone-200 bg-white p-3 text-sm whitespace-pre-wrap text-stone-800" data-testid="join-covenant">
          {board.covenant.trim() || "This board has no written covenant yet: members agree to coordinate in good faith."}
        </div>
        <CheckboxField label="I accept the covenant" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} />
        <ErrorText>{error}</ErrorText>
        <div>
          <Button type="submit" pending={join.isPending} disabled={!accepted}>
            Join this board
          </Button>
        </div>
      </form>
    </Card>
  );
}
