"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Card } from "@/components/ui/card";

/** For a part of a page that needs an account: says why, and brings the visitor back after signing in. */
export function SignInPrompt({ children = "Sign in to post or claim" }: { children?: string }) {
  const pathname = usePathname() ?? "/";
  const next = encodeURIComponent(pathname);
  return (
    <Card className="border-dashed bg-stone-50 text-sm text-stone-700" data-testid="sign-in-prompt">
      <p className="font-medium text-stone-900">{children}</p>
      <p className="mt-1">
        <Link href={`/sign-in?next=${next}`}>Sign in</Link> or <Link href={`/sign-up?next=${next}`}>create an account</Link>.
      </p>
    </Card>
  );
}
