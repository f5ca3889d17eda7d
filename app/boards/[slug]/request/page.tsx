import type { Metadata } from "next";
import { RequestSuppliesPage } from "@/components/intake/request-form";

type Params = { slug: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Request supplies · ${decodeURIComponent(slug)}` };
}

export default async function RequestPage({ params }: { params: Promise<Params> }) {
  const { slug } = await params;
  return <RequestSuppliesPage slug={decodeURIComponent(slug)} />;
}
