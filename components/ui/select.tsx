"use client";
import type { ComponentProps } from "react";
import { cx } from "./cx";
import { controlClass, Field, type FieldProps } from "./field";

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

/** A styled native select: keyboard, screen reader and phone pickers work without any script. */
export function Select({ options, className, ...rest }: { options: SelectOption[] } & ComponentProps<"select">) {
  return (
    <select className={cx(controlClass, "pr-8", className)} {...rest}>
      {options.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function SelectField({
  label,
  hint,
  error,
  optional,
  className,
  options,
  ...select
}: Omit<FieldProps, "children"> & { options: SelectOption[] } & Omit<ComponentProps<"select">, "id">) {
  return (
    <Field label={label} hint={hint} error={error} optional={optional} className={className}>
      {(c) => <Select {...c} {...select} options={options} />}
    </Field>
  );
}
