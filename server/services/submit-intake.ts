// A facility without an account asks for supplies (ADR 032). The request is stored apart from signals and
// appends no board event (events reach every viewer; a pending request is for the stewards only).
import { randomBytes, randomUUID } from "node:crypto";
import { Prisma } from "../db/generated/client";
import { DomainError, throwIfProblems } from "../domain/errors";
import { intakeReference, isHoneypotFilled, submissionProblems, type IntakeReceiptDto, type SubmitIntakeInput } from "../domain/intake";
import { isUniqueViolation } from "../db/errors";
import type { Actor, ServiceContext } from "./context";
import { loadIntakeBoard } from "./intake-access";
import { countIntakeRequest } from "./intake-limiter";

export async function submitIntake(
  ctx: ServiceContext,
  actor: Actor | null,
  slug: string,
  input: SubmitIntakeInput,
  ip: string,
): Promise<IntakeReceiptDto> {
  const { board, accepting } = await loadIntakeBoard(ctx, actor, slug);
  if (!accepting) throw new DomainError("INTAKE_CLOSED", "This board does not take requests through its public form");
  const spec = input.resourceSpecId
    ? await ctx.prisma.resourceSpec.findUnique({ where: { id: input.resourceSpecId }, select: { unit: true, divisible: true } })
    : undefined;
  const now = ctx.now();
  throwIfProblems(submissionProblems(input, spec, now));
  // Counted only once the request is one we would keep: a person correcting a typo is not charged for it.
  await countIntakeRequest(ctx, ip);
  if (isHoneypotFilled(input)) return { id: randomUUID(), status: "pending", reference: intakeReference(randomBytes(8)) };

  // 40 random bits: a collision is rare, and one retry with fresh bits makes a second one negligible.
  for (let attempt = 0; ; attempt++) {
    const reference = intakeReference(randomBytes(8));
    try {
      const row = await ctx.prisma.intakeRequest.create({
        data: {
          boardId: board.id,
          reference,
          facilityName: input.facilityName,
          contactEmail: input.contactEmail ?? null,
          contactPhone: input.contactPhone ?? null,
          placeName: input.place.name,
          lat: input.place.lat ?? null,
          lng: input.place.lng ?? null,
          resourceSpecId: input.resourceSpecId ?? null,
          resourceText: input.resourceText ?? null,
          quantity: new Prisma.Decimal(input.quantity),
          neededBy: input.neededBy ?? null,
          note: input.note ?? null,
          createdAt: now,
        },
        select: { id: true, reference: true },
      });
      return { id: row.id, status: "pending", reference: row.reference };
    } catch (e) {
      if (attempt < 2 && isUniqueViolation(e)) continue;
      throw e;
    }
  }
}
