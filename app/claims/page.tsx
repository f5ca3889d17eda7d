import type { Metadata } from "next";
import { MyClaims } from "@/components/claims/my-claims";

export const metadata: Metadata = { title: "My claims" };

export default function MyClaimsPage() {
  return <MyClaims />;
}
