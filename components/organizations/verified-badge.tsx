import { Badge } from "@/components/ui/badge";
import type { SignalDto } from "@/server/domain/dto";

/** "Verified" in words (not colour alone) on a signal whose organization its board's stewards verified (ADR 030). */
export function VerifiedBadge({ signal: s }: { signal: Pick<SignalDto, "onBehalfOf" | "board"> }) {
  if (!s.onBehalfOf?.verified) return null;
  return (
    <span data-testid="verified-badge" title={`${s.onBehalfOf.name} is verified by the stewards of ${s.board.name}`}>
      <Badge tone="green">✓ Verified</Badge>
    </span>
  );
}
