import Link from "next/link";
import { Card } from "@/components/ui/card";

/**
 * Shown in place of a members-only board (or one of its signals) when the server has ended this
 * visitor's access while the page was open: signed out, removed, or left.
 */
export function BoardGone({ name }: { name: string }) {
  return (
    <Card role="alert" data-testid="board-gone" className="mx-auto max-w-lg text-center">
      <h1 className="text-xl font-semibold">“{name}” is no longer available to you</h1>
      <p className="mt-3 text-stone-700">
        It is for members only, and your access has ended: you signed out, left the board, or a steward removed you. Its
        updates have stopped.
      </p>
      <p className="mt-3">
        <Link href="/boards">See the boards you can read</Link>
      </p>
    </Card>
  );
}
