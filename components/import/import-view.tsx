"use client";
import Link from "next/link";
import { useMe } from "@/components/auth/queries";
import { SignInPrompt } from "@/components/auth/sign-in-prompt";
import { useBoard } from "@/components/boards/queries";
import { errorMessage } from "@/components/forms/form-errors";
import { ErrorText } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Loading } from "@/components/ui/loading";
import { CsvImporter } from "./csv-importer";
import { CsvDownloads } from "./csv-downloads";

/** /boards/:slug/import: members import signals from a CSV file; anyone who can read the board downloads. */
export function ImportView({ slug }: { slug: string }) {
  const me = useMe();
  const board = useBoard(slug);
  if (board.isPending || me.isPending) return <Loading>Loading…</Loading>;
  if (board.isError) return <ErrorText>{errorMessage(board.error)}</ErrorText>;
  const b = board.data;
  return (
    <div className="flex flex-col gap-6">
      <header>
        <p className="text-sm">
          <Link href={`/boards/${encodeURIComponent(slug)}`}>← {b.name}</Link>
        </p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Import signals from CSV</h1>
      </header>
      {!me.data ? (
        <SignInPrompt>Sign in to import signals</SignInPrompt>
      ) : !b.myRole ? (
        <Card className="text-sm">
          Only members of this board can import signals. <Link href={`/boards/${encodeURIComponent(slug)}`}>Join the board</Link> first.
        </Card>
      ) : (
        <Card as="section">
          <CsvImporter slug={slug} />
        </Card>
      )}
      <CsvDownloads slug={slug} />
    </div>
  );
}
