"use client";
// One planning session: the kept snapshot, the coverage converging live, who has answered, the viewer's
// own lines to answer, every line with its reasons; stewards run the planner and adopt the plan, or
// close the session without adopting it.
import { useState } from "react";
import Link from "next/link";
import { useBoardStream } from "@/components/realtime/use-board-stream";
import { useBoard } from "@/components/boards/queries";
import { errorMessage } from "@/components/forms/form-errors";
import { isApiError } from "@/components/api/client";
import { countOf, formatQuantity } from "@/components/format/numbers";
import { ErrorText, Notice } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Loading } from "@/components/ui/loading";
import { CoveragePanel } from "./coverage-panel";
import { LINE_STATUS, LineAnswer, lineText } from "./line-answer";
import type { SessionSnapshot } from "@/server/domain/planning-session";
import { useAdoptPlan, useCloseSession, useLines, useMyLines, useRunPlanner, useSession, useSnapshot, type SessionDetail } from "./queries";

export function PlanningSessionPage({ slug, id }: { slug: string; id: string }) {
  const board = useBoard(slug);
  const session = useSession(slug, id);
  const lines = useLines(slug, id);
  const myLines = useMyLines(slug, id);
  useBoardStream(board.isSuccess ? slug : undefined, { ready: session.isSuccess && lines.isSuccess && myLines.isSuccess });
  if (session.isPending || lines.isPending || myLines.isPending) return <Loading />;
  if (session.isError || lines.isError || myLines.isError) return <ErrorText>{errorMessage(session.error ?? lines.error ?? myLines.error)}</ErrorText>;
  const s = session.data;
  const open = s.status === "open";
  const mine = myLines.data.items;
  return (
    <section aria-labelledby="session-heading" className="flex flex-col gap-6">
      <header className="flex flex-col gap-1">
        <p className="text-sm">
          <Link href={`/boards/${encodeURIComponent(slug)}/planning`}>← Planning on {board.data?.name ?? slug}</Link>
        </p>
        <h1 id="session-heading" className="text-2xl font-semibold">
          {s.title} <Badge tone={open ? "teal" : s.status === "adopted" ? "green" : "neutral"}>{s.status}</Badge>
        </h1>
        <p className="text-sm text-stone-600">
          Weeks {s.weeks[0]} to {s.weeks.at(-1)}
          {s.scope.region ? ` · ${s.scope.region}` : ""} · deadline {new Date(s.deadline).toLocaleString()} ·{" "}
          {countOf(s.totals.needs, "need")}, {countOf(s.totals.sources, "source")} · run {s.runCount}
        </p>
        {s.plan ? (
          <Notice>
            Adopted {new Date(s.plan.adoptedAt).toLocaleString()}: its accepted lines are now claims on the board.{" "}
            <Link href={`/boards/${encodeURIComponent(slug)}`}>See them on the board</Link>
          </Notice>
        ) : s.status === "closed" ? (
          <Notice>
            {s.closed ? `Closed by ${s.closed.by?.name ?? "a former member"} on ${new Date(s.closed.at).toLocaleString()} ` : "Closed "}
            without adopting a plan: nothing on the board changed. Its lines stay here as a record.
          </Notice>
        ) : null}
      </header>
      {s.viewer.canSteer && open ? <StewardActions slug={slug} id={id} /> : null}
      <CoveragePanel coverage={s.coverage} />
      <section aria-labelledby="mine-heading" className="flex flex-col gap-2">
        <h2 id="mine-heading" className="text-lg font-semibold">
          Your lines ({mine.length})
        </h2>
        {mine.length === 0 ? <p className="text-sm text-stone-600">None of the lines asks for your supply.</p> : null}
        {mine.map((l) => (
          <LineAnswer key={`${l.id}:${l.status}:${l.quantity}:${l.week}`} slug={slug} line={l} weeks={s.weeks} open={open} />
        ))}
        {myLines.data.nextCursor ? <p className="text-sm text-stone-600">Showing the first {formatQuantity(mine.length)} of your lines.</p> : null}
      </section>
      <AllLines lines={lines} total={s.coverage.totals.lines} />
      <SnapshotTables slug={slug} id={id} totals={s.totals} />
    </section>
  );
}

function StewardActions({ slug, id }: { slug: string; id: string }) {
  const run = useRunPlanner(slug, id);
  const adopt = useAdoptPlan(slug, id);
  const close = useCloseSession(slug, id);
  const failed = [run, adopt, close].find((m) => m.isError);
  const stale = adopt.error && isApiError(adopt.error) ? ((adopt.error.body as { error?: { lines?: Array<{ lineId: string; reason: string }> } })?.error?.lines ?? []) : [];
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-3">
        <Button onClick={() => run.mutate()} pending={run.isPending}>
          Run planner
        </Button>
        <Button variant="secondary" onClick={() => adopt.mutate()} pending={adopt.isPending}>
          Adopt plan
        </Button>
        <Button
          variant="danger"
          onClick={() => {
            if (window.confirm("Close this session without adopting a plan? No one can run, answer or adopt in it afterwards.")) close.mutate();
          }}
          pending={close.isPending}
        >
          Close without adopting
        </Button>
      </div>
      <ErrorText>{failed ? errorMessage(failed.error) : null}</ErrorText>
      {stale.length ? (
        <ul className="text-sm text-red-800">
          {stale.map((l) => (
            <li key={l.lineId}>{l.reason}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Every line, a page at a time: a session at the scale of 2020 has tens of thousands. */
function AllLines({ lines: query, total }: { lines: ReturnType<typeof useLines>; total: number }) {
  const lines = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="lines-heading" className="flex flex-col gap-2">
      <h2 id="lines-heading" className="text-lg font-semibold">
        All lines ({formatQuantity(total)})
      </h2>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-stone-300">
              <th className="py-1 pr-3">Line</th>
              <th className="py-1 pr-3">From</th>
              <th className="py-1 pr-3">Status</th>
              <th className="py-1">Why</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.id} className="border-b border-stone-200 align-top" data-testid="plan-line">
                <td className="py-1 pr-3">{lineText(l)}</td>
                <td className="py-1 pr-3">{l.source.organization?.name ?? l.source.owner?.name}</td>
                <td className="py-1 pr-3">
                  <Badge tone={LINE_STATUS[l.status].tone}>{LINE_STATUS[l.status].label}</Badge>
                  {l.answeredBy ? <span className="block text-xs text-stone-600">by {l.answeredBy.name}</span> : null}
                </td>
                <td className="py-1 text-stone-600">{l.answerReason ?? l.reasons.join("; ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {query.hasNextPage ? (
        <div className="flex items-center gap-3">
          <Button variant="secondary" onClick={() => void query.fetchNextPage()} pending={query.isFetchingNextPage}>
            Show more lines
          </Button>
          <span className="text-sm text-stone-600">
            {formatQuantity(lines.length)} of {formatQuantity(total)} shown
          </span>
        </div>
      ) : null}
    </section>
  );
}

/** Rows shown of each table: a session at the scale of 2020 holds tens of thousands. */
const SNAPSHOT_ROWS = 300;

/**
 * The numbers everyone plans from. The snapshot never changes, and at 30,000 needs it is megabytes: it is
 * fetched only when someone opens this section (once; the query never goes stale), not on every visit.
 */
function SnapshotTables({ slug, id, totals }: { slug: string; id: string; totals: SessionDetail["totals"] }) {
  const [opened, setOpened] = useState(false);
  const snap = useSnapshot(slug, id, opened);
  return (
    <details onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary className="font-medium">
        The snapshot everyone plans from: {formatQuantity(totals.demand)} demanded, {formatQuantity(totals.supply)} free
      </summary>
      {snap.isError ? <ErrorText>{errorMessage(snap.error)}</ErrorText> : null}
      {opened && snap.isPending ? <Loading /> : null}
      {snap.data ? <SnapshotBody snapshot={snap.data.snapshot} /> : null}
    </details>
  );
}

function SnapshotBody({ snapshot }: { snapshot: SessionSnapshot }) {
  const more = (n: number, what: string) => (n > SNAPSHOT_ROWS ? ` Showing the first ${formatQuantity(SNAPSHOT_ROWS)} of ${countOf(n, what)}.` : "");
  return (
    <>
      <p className="mt-2 text-sm text-stone-600">
        Taken {new Date(snapshot.takenAt).toLocaleString()}.{more(snapshot.needs.length, "need")}
        {more(snapshot.sources.length, "source")}
      </p>
      <div className="mt-2 grid gap-4 overflow-x-auto md:grid-cols-2">
        <table className="text-left text-sm" aria-label="Needs in the snapshot">
          <thead>
            <tr className="border-b border-stone-300">
              <th className="pr-3">Need</th>
              <th className="pr-3">Quantity</th>
              <th>Due</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.needs.slice(0, SNAPSHOT_ROWS).map((n) => (
              <tr key={n.id} className="border-b border-stone-200">
                <td className="pr-3">{n.title}</td>
                <td className="pr-3">{formatQuantity(n.quantity)}</td>
                <td>{snapshot.weeks[n.dueWeek]}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="text-left text-sm" aria-label="Supply in the snapshot">
          <thead>
            <tr className="border-b border-stone-300">
              <th className="pr-3">Source</th>
              <th>Free per week</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.sources.slice(0, SNAPSHOT_ROWS).map((src) => (
              <tr key={src.id} className="border-b border-stone-200">
                <td className="pr-3">
                  {src.title} ({src.orgName ?? src.ownerName})
                </td>
                <td>{src.supply.map((e) => `${snapshot.weeks[e.week]}: ${formatQuantity(e.quantity)}`).join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
