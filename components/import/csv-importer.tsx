"use client";
// Pick a CSV file, see its first rows, let the server check the whole file (a dry run: the server's
// verdict is the authority, the browser only parses for the preview), then import it with a progress bar.
import { useId, useRef, useState } from "react";
import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "@/components/forms/form-errors";
import { countOf, formatQuantity } from "@/components/format/numbers";
import { ErrorText, Notice } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { parseCsvTable, type CsvProblem, type CsvTable } from "@/server/domain/csv-table";
import { IMPORT_COLUMNS } from "@/server/domain/csv-import";
import { CsvPreview } from "./csv-preview";
import { importProblems, uploadCsv, type ImportAnswer, type UploadProgress } from "./upload-csv";

const PREVIEW_ROWS = 20;

type Check =
  | { state: "idle" }
  | { state: "checking"; progress: UploadProgress | null }
  | { state: "ok"; answer: ImportAnswer }
  | { state: "rejected"; problems: CsvProblem[]; count: number }
  | { state: "failed"; message: string };

type Run = { state: "idle" } | { state: "importing"; progress: UploadProgress | null } | { state: "done"; answer: ImportAnswer } | { state: "failed"; message: string };

export function CsvImporter({ slug }: { slug: string }) {
  const qc = useQueryClient();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [table, setTable] = useState<CsvTable | null>(null);
  const [createMissing, setCreateMissing] = useState(false);
  const [check, setCheck] = useState<Check>({ state: "idle" });
  const [run, setRun] = useState<Run>({ state: "idle" });
  // Answers to an older file or option are dropped: only the latest check may set the state.
  const checkSeq = useRef(0);

  async function checkFile(f: File, create: boolean) {
    const seq = ++checkSeq.current;
    setRun({ state: "idle" });
    const parsed = parseCsvTable(await f.text());
    if (seq !== checkSeq.current) return;
    setTable(parsed.ok ? parsed.table : null);
    if (!parsed.ok) {
      setCheck({ state: "rejected", problems: parsed.problems, count: parsed.problems.length });
      return;
    }
    setCheck({ state: "checking", progress: null });
    try {
      const answer = await uploadCsv(slug, f, {
        createMissingResources: create,
        dryRun: true,
        onProgress: (progress) => seq === checkSeq.current && setCheck({ state: "checking", progress }),
      });
      if (seq === checkSeq.current) setCheck({ state: "ok", answer });
    } catch (e) {
      if (seq !== checkSeq.current) return;
      const { problems, count } = importProblems(e);
      setCheck(problems.length > 0 ? { state: "rejected", problems, count } : { state: "failed", message: errorMessage(e) });
    }
  }

  async function importFile() {
    if (!file) return;
    setRun({ state: "importing", progress: null });
    try {
      const answer = await uploadCsv(slug, file, {
        createMissingResources: createMissing,
        dryRun: false,
        onProgress: (progress) => setRun({ state: "importing", progress }),
      });
      setRun({ state: "done", answer });
      void qc.invalidateQueries({ queryKey: ["signals", slug] });
      void qc.invalidateQueries({ queryKey: ["resource-specs"] });
    } catch (e) {
      const { problems, count } = importProblems(e);
      // The board changed between the check and the import (someone else imported the same rows).
      if (problems.length > 0) setCheck({ state: "rejected", problems, count });
      setRun({ state: "failed", message: errorMessage(e) });
    }
  }

  const problems = check.state === "rejected" ? check.problems : [];
  const busy = check.state === "checking" || run.state === "importing";

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-2">
        <label htmlFor={inputId} className="text-sm font-medium text-stone-800">
          CSV file
        </label>
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          disabled={run.state === "importing"}
          className="block w-full text-sm file:mr-3 file:min-h-11 file:rounded-md file:border file:border-stone-300 file:bg-white file:px-4 file:font-medium"
          onChange={(e) => {
            const f = e.target.files?.[0] ?? null;
            setFile(f);
            setTable(null);
            setCheck({ state: "idle" });
            if (f) void checkFile(f, createMissing);
          }}
        />
        <p className="text-sm text-stone-600">
          Columns by name, in any order: <code className="break-words">{IMPORT_COLUMNS.join(", ")}</code>. Required: kind, resource and
          quantity. Dates as 2026-12-01 or 2026-12-01T12:00:00Z. Rows with an <code>external_id</code> already on the board are left as
          they are, so importing a file twice creates nothing new.
        </p>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-1 size-4"
            checked={createMissing}
            disabled={busy}
            onChange={(e) => {
              setCreateMissing(e.target.checked);
              if (file) void checkFile(file, e.target.checked);
            }}
          />
          <span>Create resources that do not exist yet (in the row&apos;s unit)</span>
        </label>
      </div>

      {check.state === "checking" ? <Progress label="Checking the file" progress={check.progress} /> : null}
      {check.state === "failed" ? <ErrorText>{check.message}</ErrorText> : null}
      {check.state === "rejected" ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="import-problems">
          <p className="font-medium">
            This file cannot be imported: {countOf(check.count, "problem")}. Nothing was written. Fix the file and pick it
            again.
          </p>
          <ul className="mt-2 list-disc pl-5">
            {check.problems.map((p, i) => (
              <li key={i}>
                Row {p.row}
                {p.column ? `, ${p.column}` : ""}: {p.message}
              </li>
            ))}
          </ul>
          {check.count > check.problems.length ? <p className="mt-1">…and {check.count - check.problems.length} more.</p> : null}
        </div>
      ) : null}
      {check.state === "ok" && run.state !== "done" ? (
        <Notice>
          The file checks out: {countOf(check.answer.rows, "row")}, {countOf(check.answer.created, "new signal")}
          {check.answer.unchanged > 0 ? `, ${formatQuantity(check.answer.unchanged)} already on the board` : ""}
          {check.answer.resourcesCreated > 0 ? `, ${countOf(check.answer.resourcesCreated, "new resource")}` : ""}.
        </Notice>
      ) : null}

      {table ? (
        <section className="flex flex-col gap-2" aria-label="Preview">
          <h2 className="text-lg font-semibold">
            Preview{table.rows.length > PREVIEW_ROWS ? ` (first ${PREVIEW_ROWS} of ${formatQuantity(table.rows.length)} rows)` : ""}
          </h2>
          <CsvPreview table={table} problems={problems} rows={PREVIEW_ROWS} />
        </section>
      ) : null}

      {check.state === "ok" && run.state !== "done" ? (
        <div>
          <Button onClick={() => void importFile()} pending={run.state === "importing"} disabled={check.answer.created === 0}>
            {check.answer.created === 0 ? "Nothing new to import" : `Import ${formatQuantity(check.answer.created)} signal${check.answer.created === 1 ? "" : "s"}`}
          </Button>
        </div>
      ) : null}
      {run.state === "importing" ? <Progress label="Importing" progress={run.progress} /> : null}
      {run.state === "failed" ? <ErrorText>{run.message}</ErrorText> : null}
      {run.state === "done" ? (
        <Notice>
          Imported {formatQuantity(run.answer.created)} signal{run.answer.created === 1 ? "" : "s"}
          {run.answer.unchanged > 0 ? ` (${formatQuantity(run.answer.unchanged)} already on the board)` : ""} in{" "}
          {(run.answer.ms / 1000).toFixed(1)} s. <Link href={`/boards/${encodeURIComponent(slug)}`}>Back to the board</Link>
        </Notice>
      ) : null}
    </div>
  );
}

/** Upload progress, then an indeterminate bar while the server checks or writes the rows. */
function Progress({ label, progress }: { label: string; progress: UploadProgress | null }) {
  const id = useId();
  const sending = progress && !progress.done && progress.total > 0;
  const text = sending ? `${label}: sending ${Math.round((100 * progress.loaded) / progress.total)}%` : `${label}: the server is working on it…`;
  return (
    <div className="flex flex-col gap-1" data-testid="import-progress">
      <span id={id} className="text-sm text-stone-700">
        {text}
      </span>
      {/* Without a value, <progress> is indeterminate: the rows are being written and there is no count to show. */}
      <progress aria-labelledby={id} className="h-3 w-full accent-teal-700" max={100} value={sending ? (100 * progress.loaded) / progress.total : undefined} />
    </div>
  );
}
