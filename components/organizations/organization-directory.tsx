"use client";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { errorMessage } from "@/components/forms/form-errors";
import { ErrorText } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { Loading } from "@/components/ui/loading";
import { ORGANIZATION_KIND_NAMES } from "./organization-body";
import { ORGANIZATION_KINDS, useDirectory } from "./queries";

const KIND_OPTIONS = [{ value: "", label: "All kinds" }, ...ORGANIZATION_KINDS.map((k) => ({ value: k, label: ORGANIZATION_KIND_NAMES[k] ?? k }))];

/** The directory of organizations (ADR 030): search, a kind filter, and each one's page. */
export function OrganizationDirectory() {
  const [q, setQ] = useState("");
  const [kind, setKind] = useState("");
  // Typing runs ahead of the list: the search follows at React's pace instead of on every key.
  const deferredQ = useDeferredValue(q);
  const dir = useDirectory({ q: deferredQ, kind });
  const items = dir.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="flex flex-col gap-4">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">Organizations</h1>
        <ButtonLink href="/organizations/new" variant="primary">
          New organization
        </ButtonLink>
      </header>
      <form role="search" className="grid gap-3 sm:grid-cols-[1fr_12rem]" onSubmit={(e) => e.preventDefault()}>
        <TextField label="Search by name" type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
        <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value)} options={KIND_OPTIONS} />
      </form>
      {dir.isPending ? <Loading>Loading organizations…</Loading> : null}
      {dir.isError ? <ErrorText>{errorMessage(dir.error)}</ErrorText> : null}
      {dir.isSuccess && items.length === 0 ? <p className="text-stone-600">No organizations match.</p> : null}
      <ul className="flex flex-col gap-2" data-testid="organization-list" aria-busy={dir.isFetching}>
        {items.map((o) => (
          <li key={o.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-stone-200 bg-white p-3">
            <Link href={`/organizations/${o.id}`} className="font-medium break-words">
              {o.name}
            </Link>
            <Badge tone="teal">{ORGANIZATION_KIND_NAMES[o.kind] ?? o.kind}</Badge>
            {o.verifications.map((v) => (
              <span key={v.board.slug} title={`Verified by the stewards of ${v.board.name}`}>
                <Badge tone="green">✓ Verified · {v.board.name}</Badge>
              </span>
            ))}
            {o.location?.name ? <span className="w-full text-sm text-stone-600">{o.location.name}</span> : null}
          </li>
        ))}
      </ul>
      {dir.hasNextPage ? (
        <Button variant="secondary" pending={dir.isFetchingNextPage} onClick={() => void dir.fetchNextPage()}>
          Load more
        </Button>
      ) : null}
    </div>
  );
}
