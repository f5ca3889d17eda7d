"use client";
import Link from "next/link";
import { useMe } from "@/components/auth/queries";
import { SignInPrompt } from "@/components/auth/sign-in-prompt";
import { errorMessage } from "@/components/forms/form-errors";
import { ErrorText } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Loading } from "@/components/ui/loading";
import type { BoardSummaryDto } from "@/server/domain/dto";
import { CreateBoardForm } from "./create-board-form";
import { useBoards } from "./queries";
import { countOf } from "@/components/format/numbers";

/** The public commons board first, then the rest in the server's order. */
export function commonsFirst(boards: BoardSummaryDto[]): BoardSummaryDto[] {
  return [...boards.filter((b) => b.slug === "commons"), ...boards.filter((b) => b.slug !== "commons")];
}

export function BoardList() {
  const boards = useBoards();
  const me = useMe();
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <section aria-labelledby="boards-heading">
        <h1 id="boards-heading" className="text-2xl font-semibold">
          Boards
        </h1>
        <p className="mt-1 text-stone-600">Each board is a coalition&apos;s shared space, with its own covenant and licence.</p>
        {boards.isPending ? <Loading>Loading boards…</Loading> : null}
        <ErrorText className="mt-4">{boards.isError ? errorMessage(boards.error) : null}</ErrorText>
        {boards.data ? (
          <ul className="mt-4 grid gap-3" aria-label="Boards">
            {commonsFirst(boards.data).map((b) => (
              <li key={b.slug}>
                <Card className="flex flex-wrap items-center gap-x-4 gap-y-2" data-testid="board-card" data-board-slug={b.slug}>
                  <div className="min-w-0 flex-1">
                    <h2 className="text-lg font-semibold">
                      <Link href={`/boards/${encodeURIComponent(b.slug)}`}>{b.name}</Link>
                    </h2>
                    <p className="text-sm text-stone-600">
                      /{b.slug} · {b.licence} · {countOf(b.memberCount, "member")}
                    </p>
                  </div>
                  <Badge tone={b.visibility === "public" ? "green" : "amber"}>
                    {b.visibility === "public" ? "Public" : "Members only"}
                  </Badge>
                </Card>
              </li>
            ))}
          </ul>
        ) : null}
        {boards.data && boards.data.length === 0 ? <p className="mt-4 text-stone-600">No boards yet.</p> : null}
      </section>
      <aside aria-labelledby="new-board-heading">
        <h2 id="new-board-heading" className="text-lg font-semibold">
          Start a board
        </h2>
        <div className="mt-3">
          {me.isPending ? null : me.data ? <CreateBoardForm /> : <SignInPrompt>Sign in to start a board</SignInPrompt>}
        </div>
      </aside>
    </div>
  );
}
