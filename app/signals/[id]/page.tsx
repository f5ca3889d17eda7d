import type { Metadata } from "next";
import { SignalView } from "@/components/signals/signal-view";

export const metadata: Metadata = { title: "Signal" };

export default async function SignalPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SignalView id={id} />;
}
