"use client";
// The coordinator's view (ADR 026, 027): where demand is not covered, by resource and region, and what is
// about to go wrong, over the boards chosen in the URL. It follows every covered board's stream and asks
// its figures again (once per burst of events) while open.
import { useSyncExternalStore } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { useMe } from "@/components/auth/queries";
import { LiveStatus } from "@/components/realtime/live-status";
import { ErrorText } from "@/components/ui/alert";
import { Loading } from "@/components/ui/loading";
import { AtRiskList } from "./at-risk-list";
import { CoordinationFiltersForm, type BoardChoice } from "./coordination-filters";
import { coordinationParsers, type CoordinationFilters } from "./filters";
import { GapHeatmap } from "./gap-heatmap";
import { GapsTable } from "./gaps-table";
import { atRiskQuery, gapsQuery } from "./queries";
import { TrendsAndMap, type MapTiles } from "./trends-and-map";
import { useCoordinationStreams } from "./use-coordination-streams";

const noSubscription = () => () => {};

function Section({ title, id, children }: { title: string; id: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex min-w-0 flex-col gap-3">
      <h2 id={id} className="text-lg font-semibold text-stone-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** `tiles`: the map's tile server from the server's configuration (null: outlines only, ADR 029). */
export function CoordinateView({ tiles }: { tiles: MapTiles | null }) {
  const [urlFilters, setFilters] = useQueryStates(coordinationParsers, { history: "replace" });
  const filters: CoordinationFilters = { boards: urlFilters.boards, resource: urlFilters.resource, region: urlFilters.region };
  const me = useMe();
  // Anonymous viewers have no boards of their own: the view needs a board named in the link.
  const needsBoards = !me.isPending && !me.data && filters.boards.length === 0;
  const gaps = useQuery({ ...gapsQuery(filters), enabled: !me.isPending && !needsBoards });
  const atRisk = useQuery({ ...atRiskQuery(filters), enabled: !me.isPending && !needsBoards });
  const stream = useCoordinationStreams(gaps.data?.boards);

  // The view depends on the session and the URL as the browser knows them: rendered on the server, its
  // text could differ from the browser's first render (a hydration mismatch), so it renders in the browser.
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  if (!inBrowser) return <Loading />;

  const choices = new Map<string, BoardChoice>();
  for (const b of me.data?.boards ?? []) choices.set(b.slug, b);
  for (const b of gaps.data?.boards ?? []) if (!choices.has(b.slug)) choices.set(b.slug, b);
  for (const slug of filters.boards) if (!choices.has(slug)) choices.set(slug, { slug, name: slug });

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Coordinate</h1>
          <p className="mt-1 text-sm text-stone-600">
            Where open demand is not covered by free supply, by resource and region, and what is late or at risk.
          </p>
        </div>
        {gaps.data ? <LiveStatus state={stream} /> : null}
      </header>

      {needsBoards ? (
        <p className="text-sm text-stone-700">
          Open a board and follow its “Coordinate” link, or <Link href="/sign-in?next=%2Fcoordinate">sign in</Link> to see every board you belong to.{" "}
          <Link href="/boards">Browse boards</Link>
        </p>
      ) : (
        <>
          <CoordinationFiltersForm
            filters={filters}
            boards={[...choices.values()]}
            resources={gaps.data?.options.resources ?? []}
            regions={gaps.data?.options.regions ?? []}
            onChange={(next) => void setFilters(next)}
          />
          <ErrorText>{gaps.error?.message ?? atRisk.error?.message}</ErrorText>

          <Section title="Gaps" id="gaps-title">
            {gaps.data ? (
              <>
                <p className="text-xs text-stone-500">
                  Free capacity counts {gaps.data.weeks.current} and {gaps.data.weeks.next} (weeks run Monday to Sunday, UTC). {gaps.data.unitRule}
                </p>
                <GapsTable rows={gaps.data.rows} weeks={gaps.data.weeks} />
              </>
            ) : gaps.isPending ? (
              <Loading />
            ) : null}
          </Section>

          <Section title="Unmet demand by resource and region" id="heatmap-title">
            {gaps.data ? <GapHeatmap heatmap={gaps.data.heatmap} /> : gaps.isPending ? <Loading /> : null}
          </Section>

          <Section title="Late or at risk" id="at-risk-title">
            {atRisk.data ? <AtRiskList items={atRisk.data.items} dueWithinDays={atRisk.data.dueWithinDays} /> : atRisk.isPending ? <Loading /> : null}
          </Section>

          <TrendsAndMap filters={filters} tiles={tiles} />
        </>
      )}
    </div>
  );
}
