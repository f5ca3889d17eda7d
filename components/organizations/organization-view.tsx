"use client";
import { isApiError } from "@/components/api/client";
import { errorMessage } from "@/components/forms/form-errors";
import { formatDate } from "@/components/format/time";
import { ErrorText } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Loading } from "@/components/ui/loading";
import { ORGANIZATION_KIND_NAMES } from "./organization-body";
import { useOrganization } from "./queries";
import { OrganizationLineage } from "./organization-lineage";
import { OrganizationTrust } from "./organization-trust";

export function OrganizationView({ id }: { id: string }) {
  const org = useOrganization(id);
  if (org.isPending) return <Loading>Loading organization…</Loading>;
  if (org.isError) {
    const notFound = isApiError(org.error) && org.error.status === 404;
    return (
      <Card className="mx-auto max-w-lg text-center">
        <h1 className="text-xl font-semibold">{notFound ? "Organization not found" : "Could not load this organization"}</h1>
        <ErrorText className="mt-3">{notFound ? null : errorMessage(org.error)}</ErrorText>
      </Card>
    );
  }
  const o = org.data;
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-2">
        <div>
          <Badge tone="teal">{ORGANIZATION_KIND_NAMES[o.kind] ?? o.kind}</Badge>
        </div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{o.name}</h1>
        <p className="text-stone-600">
          {o.location ? (
            <span data-testid="organization-location">
              {o.location.name ? `${o.location.name} · ` : ""}
              {o.location.lat.toFixed(4)}, {o.location.lng.toFixed(4)}
            </span>
          ) : (
            "No location given"
          )}
          {" · "}since {formatDate(o.createdAt)}
        </p>
      </header>
      <OrganizationTrust org={o} />
      <OrganizationLineage id={o.id} />
      <Card as="section" aria-labelledby="members-heading">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members
        </h2>
        <ul className="mt-2 flex flex-col gap-1">
          {o.members.map((m) => (
            <li key={m.id} className="flex items-center gap-2">
              <span>{m.name}</span>
              {m.role === "admin" ? <Badge>Admin</Badge> : null}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
