import { Badge } from "@/components/ui/badge";
import type { SignalDto } from "@/server/domain/dto";
import { deadlineState } from "./deadline";

/** "Overdue by 3 days" on a late request, "Availability ended" on an offer past its window; else nothing. */
export function DeadlineBadge({ signal, now }: { signal: Pick<SignalDto, "kind" | "status" | "dueAt" | "availableUntil">; now: number }) {
  const d = deadlineState(signal, now);
  if (!d) return null;
  return (
    <Badge tone={d.state === "overdue" ? "red" : "neutral"}>
      <span data-testid="deadline-badge" data-state={d.state}>
        {d.text}
      </span>
    </Badge>
  );
}
