// The background notifier (ADR 035). Woken after commits that append `signal.created` or
// `signals.imported` (and, on PostgreSQL, by every board-event NOTIFY from any instance), and on a timer
// as a safety net, it works through the boards whose log is ahead of their persisted cursor. New
// notifications go to each person's room (`user:<id>`) on this instance, or through PostgreSQL NOTIFY to
// every instance, where the person's sockets may be.
import type { Server } from "socket.io";
import type { BoardEventDto } from "../domain/dto";
import { RT, type NotificationDto } from "../domain/realtime-contract";
import type { ServiceContext } from "../services/context";
import { WAKING_EVENTS, boardsBehind, fastForwardWithoutSubscriptions, notifyForBoard, type Delivered, type NotifierOptions } from "../services/notify-subscribers";
import { userRoom } from "./socket-sessions";
import { log } from "../log";

export const NOTIFICATIONS_CHANNEL = "user_notifications";

// A notification a quarter of a second late is not felt; waking at most four times a second keeps the notifier
// from adding statements to every write when a board publishes many signals a second.
const WAKE_DELAY_MS = 250;

/** Whether committed events can create notifications (the notifier need not wake for claims and the like). */
export function wakesNotifier(events: readonly BoardEventDto[]): boolean {
  return events.some((e) => (WAKING_EVENTS as readonly string[]).includes(e.type));
}

export class Notifier {
  private running: Promise<void> | null = null;
  private again = false;
  private wakeTimer: NodeJS.Timeout | null = null;
  private interval: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly push: (delivered: Delivered[]) => Promise<void>,
    private readonly opts: NotifierOptions & { intervalMs: number },
  ) {}

  start() {
    if (this.opts.intervalMs > 0) {
      this.interval = setInterval(() => this.wake(), this.opts.intervalMs);
      this.interval.unref();
    }
    this.wake();
  }

  /** Asks for a run soon; wakes in one burst of commits make one run. */
  wake() {
    if (this.stopped || this.wakeTimer) return;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      void this.run();
    }, WAKE_DELAY_MS);
    this.wakeTimer.unref();
  }

  /** One pass over every board that is behind; a wake during a pass makes another pass after it. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.pass();
        } catch (err) {
          if (!this.stopped) log.error({ err }, "notifier pass failed");
        }
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = null));
    return this.running;
  }

  private async pass() {
    if (!(await fastForwardWithoutSubscriptions(this.ctx))) return;
    for (const boardId of await boardsBehind(this.ctx)) {
      for (;;) {
        if (this.stopped) return;
        const r = await notifyForBoard(this.ctx, boardId, this.opts);
        if (r && r.delivered.length) await this.push(r.delivered).catch((err) => log.error({ err }, "pushing notifications failed"));
        if (!r?.more) break;
      }
    }
  }

  async stop() {
    this.stopped = true;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (this.interval) clearInterval(this.interval);
    await this.running;
  }
}

/** Sends notifications to this instance's sockets of each person. */
export function emitToUsers(io: Server, delivered: Delivered[]) {
  for (const d of delivered) io.to(userRoom(d.userId)).emit(RT.NOTIFICATION, d.notification);
}

/** A NOTIFY payload from any instance: `{userId, notification}`; malformed ones are ignored. */
export function parseNotificationPayload(payload: string): Delivered | null {
  try {
    const v = JSON.parse(payload) as { userId?: unknown; notification?: NotificationDto };
    return typeof v.userId === "string" && v.notification && typeof v.notification.id === "string"
      ? { userId: v.userId, notification: v.notification }
      : null;
  } catch {
    return null;
  }
}
