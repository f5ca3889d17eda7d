import type { Metadata } from "next";
import { OrganizationDirectory } from "@/components/organizations/organization-directory";

export const metadata: Metadata = { title: "Organizations" };

export default function OrganizationsPage() {
  return <OrganizationDirectory />;
}
