// How the map tells its points apart: by colour AND by outline (organizations are larger hollow dashed
// rings; each signal kind has its own dash pattern), and every point's tooltip starts with its label, so
// the map reads without colour vision. Pure data, shared by the map and its legend.
import type { SignalKind } from "@/server/domain/signal-rules";
import { KIND_LABEL } from "@/components/signals/labels";

export interface PointStyle {
  label: string;
  color: string;
  fill: boolean;
  /** SVG stroke-dasharray (an attribute, so it is allowed under the CSP), null: solid. */
  dash: string | null;
  radius: number;
}

export const SIGNAL_STYLES: Record<SignalKind, PointStyle> = {
  need: { label: KIND_LABEL.need, color: "#b91c1c", fill: true, dash: null, radius: 7 },
  order: { label: KIND_LABEL.order, color: "#7c2d12", fill: true, dash: "2 3", radius: 7 },
  capacity: { label: KIND_LABEL.capacity, color: "#0f766e", fill: true, dash: "6 3", radius: 7 },
  stock: { label: KIND_LABEL.stock, color: "#1d4ed8", fill: true, dash: "1 2", radius: 7 },
};

export const ORGANIZATION_STYLE: PointStyle = { label: "Organization", color: "#44403c", fill: false, dash: "4 2", radius: 10 };
