import type { Metadata } from "next";
import { PlanningSessionPage } from "@/components/planning/session-page";

type Params = { slug: string; id: string };

export const metadata: Metadata = { title: "Planning session" };

export default async function PlanningSessionRoute({ params }: { params: Promise<Params> }) {
  const { slug, id } = await params;
  return <PlanningSessionPage slug={decodeURIComponent(slug)} id={decodeURIComponent(id)} />;
}
