import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg py-12 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-stone-600">
        Nothing lives at this address. <Link href="/boards">Browse the boards</Link> instead.
      </p>
    </div>
  );
}
