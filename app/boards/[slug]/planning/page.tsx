import type { Metadata } from "next";
import { PlanningSessionsPage } from "@/components/planning/sessions-page";

type Params = { slug: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Planning · ${decodeURIComponent(slug)}` };
}

export default async function PlanningPage({ params }: { params: Promise<Params> }) {
  const { slug } = await params;
  return <PlanningSessionsPage slug={decodeURIComponent(slug)} />;
}
