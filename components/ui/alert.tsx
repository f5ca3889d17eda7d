import type { ReactNode } from "react";
import { cx } from "./cx";

/** An error a person must read: announced at once by screen readers. Renders nothing without text. */
export function ErrorText({ children, className }: { children?: ReactNode; className?: string }) {
  if (!children) return null;
  return (
    <p role="alert" className={cx("rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800", className)}>
      {children}
    </p>
  );
}

/** A calm confirmation ("Signal posted"), announced politely. */
export function Notice({ children, className }: { children?: ReactNode; className?: string }) {
  if (!children) return null;
  return (
    <p role="status" className={cx("rounded-md border border-teal-200 bg-teal-50 px-3 py-2 text-sm text-teal-900", className)}>
      {children}
    </p>
  );
}
