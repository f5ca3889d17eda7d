// Leaving a board and removing a member, as pure rules. A board always keeps a steward: someone must be
// able to withdraw spam and, later, to let people in, so the last steward can neither leave nor be removed.
import { DomainError } from "./errors";

export type BoardRole = "steward" | "member";

export interface Removal {
  /** Who asks, with their role on the board as read inside the removing transaction. */
  actor: { userId: string; boardRole: BoardRole | null };
  /** Whose membership ends; `role` null when they are not a member. */
  target: { userId: string; role: BoardRole | null };
  /** Stewards the board has now, the target included. */
  stewards: number;
}

/** The event a removal logs: leaving oneself, or being removed by a steward. Throws when not allowed. */
export function memberRemovalEvent(r: Removal): "member.left" | "member.removed" {
  const self = r.actor.userId === r.target.userId;
  if (self) {
    if (!r.target.role) throw new DomainError("NOT_A_MEMBER", "You are not a member of this board");
  } else {
    if (r.actor.boardRole !== "steward") throw new DomainError("FORBIDDEN", "Only a steward of this board can remove its members");
    if (!r.target.role) throw new DomainError("NOT_FOUND", "That person is not a member of this board");
  }
  if (r.target.role === "steward" && r.stewards <= 1)
    throw new DomainError(
      "LAST_STEWARD",
      self ? "You are the board's last steward: make someone else a steward before leaving" : "This is the board's last steward",
    );
  return self ? "member.left" : "member.removed";
}
