"use client";
// Three charts of one resource over the weeks (ADR 028): stock on hand, booked against free capacity,
// demand met against demand due. Each has a heading, a one-line summary and a table of the same figures,
// so nothing is only in the picture. Rendered only in the browser (after the figures arrive), so the
// server's HTML carries none of the inline styles recharts sets.
import type { ReactNode } from "react";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ResourceSeriesDto, SeriesPointDto } from "@/server/domain/coordination-series";

const HEIGHT = 200;
const AXIS = { fontSize: 11, fill: "#57534e" };

/** "2026-W48" reads as "W48" on a narrow axis; the table gives the full key. */
const shortWeek = (week: string) => week.slice(5);

const fmt = (n: number) => n.toLocaleString("en", { maximumFractionDigits: 3 });

interface Column {
  key: keyof SeriesPointDto;
  label: string;
  color: string;
}

function FiguresTable({ id, caption, points, columns, currentWeek }: { id: string; caption: string; points: SeriesPointDto[]; columns: Column[]; currentWeek: string }) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-stone-600">Figures as a table</summary>
      <div className="overflow-x-auto">
        <table id={id} className="mt-1 w-full text-left tabular-nums">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr className="border-b border-stone-200 text-stone-500">
              <th scope="col" className="py-1 pr-3 font-medium">Week</th>
              {columns.map((c) => (
                <th key={c.key} scope="col" className="py-1 pr-3 text-right font-medium">{c.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.week} className="border-b border-stone-100">
                <th scope="row" className="py-1 pr-3 font-normal">
                  {p.week}
                  {p.week === currentWeek ? " (this week)" : ""}
                </th>
                {columns.map((c) => (
                  <td key={c.key} className="py-1 pr-3 text-right">{fmt(p[c.key] as number)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function ChartCard({ id, title, summary, children }: { id: string; title: string; summary: string; children: ReactNode }) {
  return (
    <figure aria-labelledby={`${id}-title`} className="min-w-0 rounded-lg border border-stone-200 bg-white p-3" data-testid={id}>
      <h3 id={`${id}-title`} className="text-sm font-semibold text-stone-800">{title}</h3>
      <figcaption className="mb-2 text-sm text-stone-600">{summary}</figcaption>
      {children}
    </figure>
  );
}

function Chart({ points, columns, stacked, kind }: { points: SeriesPointDto[]; columns: Column[]; stacked?: boolean; kind: "area" | "bar" }) {
  const data = points.map((p) => ({ ...p, label: shortWeek(p.week) }));
  const axes = [
    <CartesianGrid key="g" strokeDasharray="3 3" stroke="#e7e5e4" />,
    <XAxis key="x" dataKey="label" tick={AXIS} interval="preserveStartEnd" />,
    <YAxis key="y" tick={AXIS} width={44} allowDecimals />,
    <Tooltip key="t" formatter={(v) => fmt(Number(v))} />,
    <Legend key="l" wrapperStyle={{ fontSize: 12 }} />,
  ];
  return (
    // recharts' accessibility layer lets a keyboard step through the weeks; the summary and the table say
    // the same in words and numbers.
    <div className="w-full">
      <ResponsiveContainer width="100%" height={HEIGHT}>
        {kind === "area" ? (
          <AreaChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            {axes}
            {columns.map((c) => (
              <Area key={c.key} type="linear" dataKey={c.key} name={c.label} stroke={c.color} fill={c.color} fillOpacity={0.15} isAnimationActive={false} />
            ))}
          </AreaChart>
        ) : (
          <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            {axes}
            {columns.map((c) => (
              <Bar key={c.key} dataKey={c.key} name={c.label} fill={c.color} stackId={stacked ? "a" : undefined} isAnimationActive={false} />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}

const STOCK: Column[] = [{ key: "stockOnHand", label: "On hand", color: "#1d4ed8" }];
const CAPACITY: Column[] = [
  { key: "booked", label: "Booked", color: "#115e59" },
  { key: "free", label: "Free", color: "#14b8a6" },
];
const DEMAND: Column[] = [
  { key: "demandDue", label: "Due", color: "#b91c1c" },
  { key: "demandMet", label: "Met", color: "#15803d" },
];

/** The charts of one resource's series. */
export function TrendCharts({ series, currentWeek }: { series: ResourceSeriesDto; currentWeek: string }) {
  const { points, resourceSpec } = series;
  const unit = resourceSpec.unit;
  const now = points.find((p) => p.week === currentWeek) ?? points.at(-1)!;
  const first = points[0]!;
  const sum = (k: keyof SeriesPointDto) => points.reduce((s, p) => s + (p[k] as number), 0);
  const base = `trend-${resourceSpec.id}`;
  const charts = [
    {
      id: `${base}-stock`,
      title: "Stock on hand",
      summary: `${fmt(now.stockOnHand)} ${unit} on hand this week; ${fmt(first.stockOnHand)} at the end of ${first.week}.`,
      columns: STOCK,
      kind: "area" as const,
    },
    {
      id: `${base}-capacity`,
      title: "Capacity booked and free",
      summary: `This week ${fmt(now.booked)} ${unit} booked and ${fmt(now.free)} free of ${fmt(now.capacity)} offered at a weekly rate.`,
      columns: CAPACITY,
      kind: "bar" as const,
      stacked: true,
    },
    {
      id: `${base}-demand`,
      title: "Demand met and due",
      summary: `Over these ${points.length} weeks ${fmt(sum("demandMet"))} ${unit} delivered against needs and orders; ${fmt(sum("demandDue"))} fell due.`,
      columns: DEMAND,
      kind: "bar" as const,
    },
  ];
  return (
    <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
      {charts.map((c) => (
        <ChartCard key={c.id} id={c.id} title={`${c.title} (${unit})`} summary={c.summary}>
          <Chart points={points} columns={c.columns} stacked={c.stacked} kind={c.kind} />
          <FiguresTable id={`${c.id}-table`} caption={`${c.title} of ${resourceSpec.name} per week, in ${unit}`} points={points} columns={c.columns} currentWeek={currentWeek} />
        </ChartCard>
      ))}
    </div>
  );
}
