"use client";
// A board's planning sessions: the list for everyone who can read the board, and for stewards the form
// that opens one (title, resources, region, horizon, deadline).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useBoard } from "@/components/boards/queries";
import { fieldError } from "@/components/forms/form-errors";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { useBoardStream } from "@/components/realtime/use-board-stream";
import { useResourceSpecs } from "@/components/resource-specs/queries";
import { ErrorText, Notice } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { Loading } from "@/components/ui/loading";
import { useOpenSession, useSessions } from "./queries";

export function PlanningSessionsPage({ slug }: { slug: string }) {
  const board = useBoard(slug);
  const sessions = useSessions(slug);
  useBoardStream(board.isSuccess ? slug : undefined, { ready: sessions.isSuccess });
  if (board.isPending || sessions.isPending) return <Loading />;
  if (board.isError || sessions.isError) return <ErrorText>This board does not exist, or you cannot see it.</ErrorText>;
  return (
    <section aria-labelledby="planning-heading" className="flex flex-col gap-4">
      <h1 id="planning-heading" className="text-2xl font-semibold">
        Planning · <Link href={`/boards/${encodeURIComponent(slug)}`}>{board.data.name}</Link>
      </h1>
      <p className="text-stone-700">
        A session plans from one snapshot of needs and free supply. The planner suggests lines; each maker accepts, changes or declines
        theirs; stewards adopt the plan, which turns accepted lines into claims.
      </p>
      {sessions.data.viewer.canSteer ? <OpenSessionForm slug={slug} /> : null}
      {sessions.data.items.length === 0 ? <Notice>No planning session yet.</Notice> : null}
      <ul className="flex flex-col gap-3" aria-label="Planning sessions">
        {sessions.data.items.map((s) => (
          <li key={s.id}>
            <Card>
              <Link href={`/boards/${encodeURIComponent(slug)}/planning/${s.id}`} className="text-lg font-semibold">
                {s.title}
              </Link>{" "}
              <Badge tone={s.status === "open" ? "teal" : s.status === "adopted" ? "green" : "neutral"}>{s.status}</Badge>
              <p className="text-sm text-stone-600">
                {s.horizonWeeks} weeks from {s.firstWeek}
                {s.scope.region ? ` · ${s.scope.region}` : ""} · deadline {new Date(s.deadline).toLocaleString()} · opened by {s.createdBy.name}
              </p>
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}

function OpenSessionForm({ slug }: { slug: string }) {
  const specs = useResourceSpecs();
  const open = useOpenSession(slug);
  const router = useRouter();
  const { fields, error, failed, setFields, setError } = useFormErrors();
  const [v, setV] = useState({ title: "", region: "", horizonWeeks: "4", deadline: "", specIds: [] as string[] });
  const set = (p: Partial<typeof v>) => setV((old) => ({ ...old, ...p }));

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setFields({});
    const deadline = v.deadline ? new Date(v.deadline) : new Date(Date.now() + 7 * 24 * 3_600_000);
    open.mutate(
      {
        title: v.title,
        resourceSpecIds: v.specIds,
        region: v.region.trim() || undefined,
        horizonWeeks: Number(v.horizonWeeks),
        deadline: Number.isNaN(deadline.getTime()) ? v.deadline : deadline.toISOString(),
      },
      { onError: (err) => failed(err), onSuccess: (s) => router.push(`/boards/${encodeURIComponent(slug)}/planning/${String(s.id)}`) },
    );
  }

  return (
    <Card as="form" onSubmit={onSubmit} noValidate aria-label="Open a planning session" className="flex flex-col gap-3">
      <h2 className="text-lg font-semibold">Open a session</h2>
      <TextField label="Title" value={v.title} onChange={(e) => set({ title: e.target.value })} error={fieldError(fields, "title")} />
      <fieldset className="flex flex-col gap-1">
        <legend className="font-medium">Resources in scope</legend>
        <div className="flex flex-wrap gap-3">
          {(specs.data ?? []).map((s) => (
            <label key={s.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-5 accent-teal-800"
                checked={v.specIds.includes(s.id)}
                onChange={(e) => set({ specIds: e.target.checked ? [...v.specIds, s.id] : v.specIds.filter((x) => x !== s.id) })}
              />
              {s.name} ({s.unit})
            </label>
          ))}
        </div>
        <ErrorText>{fieldError(fields, "resourceSpecIds")}</ErrorText>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label="Region" optional hint="A place name; empty: the whole board." value={v.region} onChange={(e) => set({ region: e.target.value })} error={fieldError(fields, "region")} />
        <TextField label="Horizon (weeks)" inputMode="numeric" value={v.horizonWeeks} onChange={(e) => set({ horizonWeeks: e.target.value })} error={fieldError(fields, "horizonWeeks")} />
        <TextField label="Deadline" type="datetime-local" optional hint="Default: in a week." value={v.deadline} onChange={(e) => set({ deadline: e.target.value })} error={fieldError(fields, "deadline")} />
      </div>
      <ErrorText>{error}</ErrorText>
      <div>
        <Button type="submit" pending={open.isPending}>
          Open session and take the snapshot
        </Button>
      </div>
    </Card>
  );
}
