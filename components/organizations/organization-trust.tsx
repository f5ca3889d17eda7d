"use client";
import Link from "next/link";
import { useMe } from "@/components/auth/queries";
import { errorMessage } from "@/components/forms/form-errors";
import { formatDate } from "@/components/format/time";
import { ErrorText } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { OrganizationDto } from "@/server/domain/dto";
import { useSetVerification } from "./queries";

/**
 * The boards whose stewards verified this organization, and, for a steward, "Verify for <board>" or
 * "Withdraw verification" on each board they steward (ADR 030).
 */
export function OrganizationTrust({ org }: { org: OrganizationDto }) {
  const me = useMe();
  const set = useSetVerification(org.id);
  const stewarded = (me.data?.boards ?? []).filter((b) => b.role === "steward");
  const verifiedOn = new Set(org.verifications.map((v) => v.board.slug));
  return (
    <Card as="section" aria-labelledby="verified-heading">
      <h2 id="verified-heading" className="text-lg font-semibold">
        Verified by
      </h2>
      {org.verifications.length === 0 ? (
        <p className="mt-1 text-stone-600">No board has verified this organization yet.</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-1" data-testid="organization-verifications">
          {org.verifications.map((v) => (
            <li key={v.board.slug}>
              ✓ <Link href={`/boards/${v.board.slug}`}>{v.board.name}</Link>
              <span className="text-sm text-stone-600">
                {" "}
                · since {formatDate(v.verifiedAt)}
                {v.note ? ` · “${v.note}”` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
      {stewarded.length > 0 ? (
        <div className="mt-3 flex flex-wrap gap-2 border-t border-stone-100 pt-3">
          {stewarded.map((b) =>
            verifiedOn.has(b.slug) ? (
              <Button key={b.slug} variant="secondary" size="sm" pending={set.isPending && set.variables?.board === b.slug} onClick={() => set.mutate({ board: b.slug, verified: false })}>
                Withdraw verification ({b.name})
              </Button>
            ) : (
              <Button key={b.slug} size="sm" pending={set.isPending && set.variables?.board === b.slug} onClick={() => set.mutate({ board: b.slug, verified: true })}>
                Verify for {b.name}
              </Button>
            ),
          )}
        </div>
      ) : null}
      {set.isError ? <ErrorText className="mt-2">{errorMessage(set.error)}</ErrorText> : null}
    </Card>
  );
}
