import type { Metadata } from "next";
import { OrganizationView } from "@/components/organizations/organization-view";

export const metadata: Metadata = { title: "Organization" };

export default async function OrganizationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <OrganizationView id={id} />;
}
