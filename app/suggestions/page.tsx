import type { Metadata } from "next";
import { SuggestionsView } from "@/components/matching/suggestions-view";

export const metadata: Metadata = { title: "Suggested for you" };

export default function SuggestionsPage() {
  return <SuggestionsView />;
}
