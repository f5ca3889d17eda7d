"use client";
import { useId, type ComponentProps, type ReactNode } from "react";
import { cx } from "./cx";

export const controlClass =
  "block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base text-stone-900 shadow-sm " +
  "placeholder:text-stone-400 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-teal-700 " +
  "aria-invalid:border-red-500 disabled:bg-stone-100 disabled:text-stone-500";

export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

export interface FieldProps {
  label: ReactNode;
  /** Shown under the control and linked to it; announced with the control. */
  hint?: ReactNode;
  error?: string;
  /** Adds a visual "(optional)" after the label; the accessible name stays the bare label. */
  optional?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** A label, a control, a hint and an error, wired together by ids so the control is fully described. */
export function Field({ label, hint, error, optional, className, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cx("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {label}
        {optional ? <span className="font-normal text-stone-500" aria-hidden="true"> (optional)</span> : null}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {hint ? (
        <p id={hintId} className="text-xs text-stone-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type FieldShared = Omit<FieldProps, "children">;

export function TextField({ label, hint, error, optional, className, ...input }: FieldShared & Omit<ComponentProps<"input">, "id">) {
  return (
    <Field label={label} hint={hint} error={error} optional={optional} className={className}>
      {(c) => <input {...c} {...input} className={controlClass} />}
    </Field>
  );
}

export function TextAreaField({
  label,
  hint,
  error,
  optional,
  className,
  rows = 3,
  ...input
}: FieldShared & Omit<ComponentProps<"textarea">, "id">) {
  return (
    <Field label={label} hint={hint} error={error} optional={optional} className={className}>
      {(c) => <textarea {...c} rows={rows} {...input} className={cx(controlClass, "min-h-20")} />}
    </Field>
  );
}

export function CheckboxField({
  label,
  error,
  className,
  ...input
}: { label: ReactNode; error?: string; className?: string } & Omit<ComponentProps<"input">, "id" | "type">) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={cx("flex flex-col gap-1", className)}>
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="mt-1 size-5 shrink-0 accent-teal-800"
          {...input}
        />
        <label htmlFor={id} className="text-sm text-stone-800">
          {label}
        </label>
      </div>
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
