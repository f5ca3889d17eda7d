import type { Metadata } from "next";
import { Suspense } from "react";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { CoordinateView } from "@/components/coordination/coordinate-view";
import { Loading } from "@/components/ui/loading";

export const metadata: Metadata = { title: "Coordinate" };

export default function CoordinatePage() {
  return (
    // The filters are read from the URL, which a static render does not have: the view renders in the browser.
    <NuqsAdapter>
      <Suspense fallback={<Loading />}>
        <CoordinateView />
      </Suspense>
    </NuqsAdapter>
  );
}
