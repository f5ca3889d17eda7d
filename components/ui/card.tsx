import type { ComponentProps, ElementType } from "react";
import { cx } from "./cx";

type CardProps<T extends ElementType> = { as?: T } & Omit<ComponentProps<T>, "as">;

/** A quiet white panel; `as` keeps the right landmark or element (article, section, li). */
export function Card<T extends ElementType = "div">({ as, className, ...rest }: CardProps<T>) {
  const Tag = (as ?? "div") as ElementType;
  return <Tag className={cx("rounded-lg border border-stone-200 bg-white p-4 shadow-sm", className)} {...rest} />;
}
