/** A quiet placeholder while something loads, announced politely. */
export function Loading({ children = "Loading…" }: { children?: string }) {
  return (
    <p role="status" className="py-6 text-center text-sm text-stone-500">
      {children}
    </p>
  );
}
