// A person's in-app notifications (ADR 035): GET /me/notifications, POST /me/notifications/read.
import { z } from "zod";
import type { NotificationDto } from "../domain/realtime-contract";
import { uuidSchema } from "../domain/schemas";
import type { Actor, ServiceContext } from "./context";

const LIST_LIMIT = 100;

export const markReadSchema = z
  .object({ ids: z.array(uuidSchema).min(1).max(500).optional(), all: z.literal(true).optional() })
  .strict()
  .refine((v) => (v.ids === undefined) !== (v.all === undefined), { message: "Send either {ids: [...]} or {all: true}", path: ["ids"] });

export const notificationSelect = {
  id: true,
  text: true,
  createdAt: true,
  readAt: true,
  signal: { select: { id: true, kind: true, title: true, board: { select: { slug: true, name: true } } } },
} as const;

type Row = {
  id: string;
  text: string;
  createdAt: Date;
  readAt: Date | null;
  signal: { id: string; kind: string; title: string; board: { slug: string; name: string } };
};

export function notificationToDto(r: Row): NotificationDto {
  return {
    id: r.id,
    text: r.text,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
    signal: { id: r.signal.id, kind: r.signal.kind, title: r.signal.title, board: r.signal.board },
  };
}

export async function listNotifications(
  ctx: ServiceContext,
  actor: Actor,
  unreadOnly: boolean,
): Promise<{ items: NotificationDto[]; unread: number }> {
  const where = { userId: actor.userId, ...(unreadOnly ? { readAt: null } : {}) };
  const rows = await ctx.prisma.notification.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIST_LIMIT,
    select: notificationSelect,
  });
  const unread = await ctx.prisma.notification.count({ where: { userId: actor.userId, readAt: null } });
  return { items: rows.map(notificationToDto), unread };
}

/** Marks some or all of one's own notifications read; ids of others' notifications change nothing. */
export async function markNotificationsRead(
  ctx: ServiceContext,
  actor: Actor,
  input: z.output<typeof markReadSchema>,
): Promise<{ updated: number; unread: number }> {
  const { count } = await ctx.prisma.notification.updateMany({
    where: { userId: actor.userId, readAt: null, ...(input.ids ? { id: { in: input.ids } } : {}) },
    data: { readAt: ctx.now() },
  });
  const unread = await ctx.prisma.notification.count({ where: { userId: actor.userId, readAt: null } });
  return { updated: count, unread };
}
