"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useMe, useSignOut } from "@/components/auth/queries";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { NotificationBell } from "@/components/matching/notification-bell";

function NavLink({ href, children, active }: { href: string; children: string; active: boolean }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cx(
        "rounded-md px-2 py-1.5 text-sm font-medium no-underline hover:bg-stone-100 hover:no-underline sm:px-2.5",
        active ? "bg-stone-100 text-stone-900" : "text-stone-700",
      )}
    >
      {children}
    </Link>
  );
}

export function SiteHeader() {
  const pathname = usePathname() ?? "/";
  const router = useRouter();
  const me = useMe();
  const signOut = useSignOut();
  const next = encodeURIComponent(pathname);
  const is = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="mr-auto flex items-center gap-2 text-base font-semibold text-stone-900 no-underline hover:no-underline">
          <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-teal-800 text-sm text-white">
            S
          </span>
          Stigmergy Board
        </Link>
        <nav aria-label="Main" className="order-last -mx-2 flex w-[calc(100%+1rem)] flex-wrap items-center sm:order-none sm:mx-0 sm:w-auto sm:gap-1">
          <NavLink href="/boards" active={is("/boards")}>
            Boards
          </NavLink>
          <NavLink href="/coordinate" active={is("/coordinate")}>
            Coordinate
          </NavLink>
          <NavLink href="/claims" active={is("/claims")}>
            My claims
          </NavLink>
          <NavLink href="/organizations" active={is("/organizations")}>
            Organizations
          </NavLink>
          {me.data ? (
            <NavLink href="/suggestions" active={is("/suggestions")}>
              Suggested
            </NavLink>
          ) : null}
          {me.data ? (
            <NavLink href="/settings/tokens" active={is("/settings")}>
              API tokens
            </NavLink>
          ) : null}
        </nav>
        <div className="flex items-center gap-2" aria-live="polite">
          {me.isPending ? (
            <span className="text-sm text-stone-500">…</span>
          ) : me.data ? (
            <>
              <NotificationBell />
              {/* On a phone the name gives way to the nav (still read out); from sm up it shows. */}
              <span className="sr-only text-sm text-stone-700 sm:not-sr-only sm:max-w-40 sm:truncate" data-testid="signed-in-as" title={me.data.email}>
                {me.data.name}
              </span>
              <Button
                variant="secondary"
                size="sm"
                pending={signOut.isPending}
                onClick={() => signOut.mutate(undefined, { onSettled: () => router.push("/") })}
              >
                Sign out
              </Button>
            </>
          ) : (
            <>
              <Link href={`/sign-in?next=${next}`} className="rounded-md px-2.5 py-1.5 text-sm font-medium">
                Sign in
              </Link>
              <Link
                href={`/sign-up?next=${next}`}
                className="rounded-md bg-teal-800 px-3 py-1.5 text-sm font-medium text-white no-underline hover:bg-teal-900 hover:no-underline"
              >
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
