import type { Metadata } from "next";
import { BoardView } from "@/components/boards/board-view";

type Params = { slug: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Board ${decodeURIComponent(slug)}` };
}

export default async function BoardPage({ params }: { params: Promise<Params> }) {
  const { slug } = await params;
  return <BoardView slug={decodeURIComponent(slug)} />;
}
