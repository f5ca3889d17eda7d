"use client";
import { errorMessage } from "@/components/forms/form-errors";
import { formatQuantity } from "@/components/format/numbers";
import { ErrorText } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Loading } from "@/components/ui/loading";
import type { LineageItemDto } from "@/server/domain/dto";
import { useLineage } from "./queries";

const VERB: Record<LineageItemDto["flows"][number]["action"], string> = {
  transfer: "gave",
  transferCustody: "handed (custody) to",
  consume: "used up",
  lower: "wrote off",
};

/** "Where our contribution went" (ADR 031): text first, hop by hop, readable on a phone. */
export function OrganizationLineage({ id }: { id: string }) {
  const lineage = useLineage(id);
  return (
    <Card as="section" aria-labelledby="lineage-heading">
      <h2 id="lineage-heading" className="text-lg font-semibold">
        Where our contribution went
      </h2>
      {lineage.isPending ? <Loading>Following the ledger…</Loading> : null}
      {lineage.isError ? <ErrorText>{errorMessage(lineage.error)}</ErrorText> : null}
      {lineage.data && lineage.data.items.length === 0 ? (
        <p className="mt-1 text-stone-600">Nothing in the ledgers you can read shows this organization making or handing on anything yet.</p>
      ) : null}
      {lineage.data?.items.map((item) => (
        <LineageItem key={item.resourceSpec.id} item={item} maxHops={lineage.data.maxHops} />
      ))}
      {lineage.data && lineage.data.items.length > 0 ? (
        <p className="mt-3 text-xs text-stone-500">
          From the ledgers of {lineage.data.boards.map((b) => b.name).join(", ")}. Followed up to {lineage.data.maxHops} hand-overs; where a
          receiver mixed stock from several sources, our share of what it passed on is proportional to what it held of ours.
        </p>
      ) : null}
    </Card>
  );
}

function LineageItem({ item, maxHops }: { item: LineageItemDto; maxHops: number }) {
  const unit = item.resourceSpec.unit;
  const q = (n: number) => `${formatQuantity(n)} ${unit}`;
  const hops = [...new Set(item.flows.map((f) => f.hop))].sort((a, b) => a - b);
  return (
    <div className="mt-3 border-t border-stone-100 pt-3" data-testid="lineage-item">
      <h3 className="font-medium">{item.resourceSpec.name}</h3>
      <p className="text-sm text-stone-700">
        Made {q(item.produced)} · received {q(item.received)} · handed on {q(item.given)}
        {item.consumed > 0 ? ` · ${q(item.consumed)} used up by those it reached` : ""}
      </p>
      {hops.map((hop) => (
        <div key={hop} className="mt-2">
          <h4 className="text-xs font-semibold tracking-wide text-stone-500 uppercase">{hop === 1 ? "Handed on by us" : `Then, ${hop - 1} hand-over${hop > 2 ? "s" : ""} later`}</h4>
          <ul className="flex flex-col gap-0.5 text-sm break-words">
            {item.flows
              .filter((f) => f.hop === hop)
              .map((f) => (
                <li key={`${f.from.id}-${f.to?.id ?? "end"}-${f.action}`}>
                  {f.from.name} {VERB[f.action]} {f.to ? `${f.to.name} ` : ""}
                  <strong>{q(f.quantity)}</strong>
                </li>
              ))}
          </ul>
        </div>
      ))}
      {item.holdings.length > 0 ? (
        <p className="mt-2 text-sm text-stone-700">Still held: {item.holdings.map((h) => `${h.agent.name} ${q(h.quantity)}`).join(", ")}</p>
      ) : null}
      {item.beyondHorizon > 0 ? <p className="text-sm text-stone-600">{q(item.beyondHorizon)} moved on beyond {maxHops} hand-overs (not followed).</p> : null}
    </div>
  );
}
