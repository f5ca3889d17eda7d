import type { Metadata } from "next";
import { ImportView } from "@/components/import/import-view";

type Params = { slug: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Import signals · ${decodeURIComponent(slug)}` };
}

export default async function ImportPage({ params }: { params: Promise<Params> }) {
  const { slug } = await params;
  return <ImportView slug={decodeURIComponent(slug)} />;
}
