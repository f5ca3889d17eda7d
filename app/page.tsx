import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";

export default function HomePage() {
  return (
    <div className="mx-auto max-w-2xl py-6 sm:py-12">
      <p className="text-sm font-medium tracking-wide text-teal-800 uppercase">Open supply-chain coordination</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">Stigmergy Board</h1>
      <p className="mt-4 text-lg text-stone-700">
        Makers, microfactories and makerspaces publish open signals — what is needed, what capacity and stock they
        hold, which orders are due — to a shared board that updates live for everyone.
      </p>
      <p className="mt-3 text-lg text-stone-700">
        Anyone can read a public board; members claim what they can fill, report progress as they go, and the
        hottest unmet needs rise to the top until someone picks them up.
      </p>
      <div className="mt-8 flex flex-wrap gap-3">
        <ButtonLink href="/boards/commons" variant="primary">
          Open the commons board
        </ButtonLink>
        <ButtonLink href="/boards">All boards</ButtonLink>
      </div>
      <p className="mt-8 text-sm text-stone-600">
        New here? <Link href="/sign-up?next=%2Fboards%2Fcommons">Create an account</Link> to post and claim signals.
      </p>
    </div>
  );
}
