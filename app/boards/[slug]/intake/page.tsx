import type { Metadata } from "next";
import { IntakeQueuePage } from "@/components/intake/intake-queue";

type Params = { slug: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Requests to check · ${decodeURIComponent(slug)}` };
}

export default async function IntakePage({ params }: { params: Promise<Params> }) {
  const { slug } = await params;
  return <IntakeQueuePage slug={decodeURIComponent(slug)} />;
}
