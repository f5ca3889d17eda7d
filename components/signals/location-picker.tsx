"use client";
// Picking a place by name: a combobox (WAI-ARIA 1.2, keyboard first, from downshift) over the places the
// board knows (GET /places: organizations' places and named signal locations) plus the viewer's own
// organizations. Typed "lat,lng" is still taken as is. The value is always a point with an optional
// name, which is what the API stores; a map pick can later set the same value.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useCombobox } from "downshift";
import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { controlClass, TextField } from "@/components/ui/field";
import { cx } from "@/components/ui/cx";
import type { MeDto, PlaceDto } from "@/server/domain/dto";
import { CHOOSE_A_PLACE, formatLatLng, mergeSuggestions, placeFromCoordinates, placeText, textShowsPlace, type PlaceValue } from "./place";
import { placesQuery } from "./queries";
import { countOf } from "@/components/format/numbers";

type Org = MeDto["organizations"][number];

const SEARCH_DELAY_MS = 200;

function ownPlaces(organizations: Org[]): PlaceDto[] {
  return organizations
    .filter((o) => o.lat !== null && o.lng !== null)
    .map((o) => ({ name: o.locationName ?? o.name, lat: o.lat!, lng: o.lng!, organization: { id: o.id, name: o.name, kind: o.kind }, uses: 0 }));
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export interface LocationPickerProps {
  label: string;
  value: PlaceValue | null;
  /** `text` is what the field shows; a non-empty text with a null value is a place not yet chosen. */
  onChange: (value: PlaceValue | null, text: string) => void;
  /** Suggest only this board's signal places (organizations are always suggested). */
  board?: string;
  organizations?: Org[];
  /** Offer the browser's position ("near me" searches). */
  locate?: boolean;
  /** Let the person name the chosen point (a signal's location); the name is sent with it. */
  naming?: boolean;
  hint?: string;
  error?: string;
}

export function LocationPicker({ label, value, onChange, board, organizations = [], locate, naming, hint, error }: LocationPickerProps) {
  const id = useId();
  const [text, setText] = useState(() => placeText(value));
  const [locating, setLocating] = useState(false);
  const [locateError, setLocateError] = useState<string | null>(null);
  const typedCoordinates = placeFromCoordinates(text) !== null;
  const q = useDebounced(text.trim(), SEARCH_DELAY_MS);

  // Show what another control set (geolocation, an organization chosen elsewhere, a reset), but leave the
  // person's own typing alone when it already means the same place ("52.50, 13.4" vs "52.5,13.4").
  // Adjusted while rendering when the value changes (React applies it before the children render).
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    if (!textShowsPlace(text, value)) setText(placeText(value));
  }

  const found = useQuery({ ...placesQuery(typedCoordinates ? "" : q, board), enabled: !typedCoordinates, placeholderData: keepPreviousData });
  const items = typedCoordinates ? [] : mergeSuggestions(ownPlaces(organizations), found.data ?? [], text);

  const { isOpen, highlightedIndex, getLabelProps, getInputProps, getMenuProps, getItemProps } = useCombobox<PlaceDto>({
    items,
    inputId: `${id}-input`,
    labelId: `${id}-label`,
    menuId: `${id}-menu`,
    inputValue: text,
    // The value lives in the form, not in downshift: with the selection held at null every choice is
    // reported (even of the place chosen last time), and downshift's "the controlled selection changed"
    // step, which would reset the text to the empty selection's, is made to keep the text instead.
    selectedItem: null,
    stateReducer: (state, { type, changes }) =>
      type === useCombobox.stateChangeTypes.ControlledPropUpdatedSelectedItem ? { ...changes, inputValue: state.inputValue } : changes,
    itemToString: (p) => p?.name ?? "",
    itemToKey: (p) => (p ? `${p.organization?.id ?? ""}|${p.name}|${formatLatLng(p.lat, p.lng)}` : ""),
    getA11yStatusMessage: ({ isOpen: open }) =>
      open ? (items.length === 0 ? "No known places match; you can type coordinates as lat,lng." : `${items.length} places suggested.`) : "",
    // Typing is handled by the input's own onChange (below), synchronously, as a controlled input needs;
    // this follows the text downshift sets itself (the chosen item's name, Escape clearing it).
    onInputValueChange: ({ inputValue, type }) => {
      if (type === useCombobox.stateChangeTypes.InputChange) return;
      setText(inputValue ?? "");
      if (!inputValue) onChange(null, "");
    },
    onSelectedItemChange: ({ selectedItem }) => {
      if (!selectedItem) return;
      setText(selectedItem.name);
      onChange({ name: selectedItem.name, lat: selectedItem.lat, lng: selectedItem.lng }, selectedItem.name);
    },
  });

  function locateMe() {
    if (!("geolocation" in navigator)) {
      setLocateError("This browser cannot share its location; type a place instead.");
      return;
    }
    setLocating(true);
    setLocateError(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        const here = { lat: pos.coords.latitude, lng: pos.coords.longitude };
        onChange(here, formatLatLng(here.lat, here.lng));
      },
      (err) => {
        setLocating(false);
        setLocateError(err.code === err.PERMISSION_DENIED ? "Location permission was denied; type a place instead." : "Could not get your location.");
      },
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 300_000 },
    );
  }

  const pending = text.trim() !== "" && value === null && !isOpen;
  const shownError = error ?? locateError ?? (pending ? CHOOSE_A_PLACE : undefined);
  const hintText = hint ?? "Type a place's name and choose it, or type coordinates as lat,lng.";
  const describedBy = [`${id}-hint`, shownError ? `${id}-error` : null].filter(Boolean).join(" ");

  return (
    <div className="flex flex-col gap-2" data-testid="location-picker">
      <div className="flex flex-col gap-1">
        <label {...getLabelProps()} className="text-sm font-medium text-stone-800">
          {label}
        </label>
        <div className="relative">
        <input
          {...getInputProps({
            onChange: (e) => {
              const next = (e.target as HTMLInputElement).value;
              setText(next);
              onChange(placeFromCoordinates(next), next);
            },
            className: controlClass,
            placeholder: "Place name, or 52.52,13.40",
            autoComplete: "off",
            "aria-describedby": describedBy,
            "aria-invalid": shownError ? true : undefined,
          })}
        />
        <ul
          {...getMenuProps()}
          className={cx(
            "absolute top-full right-0 left-0 z-20 mt-1 max-h-72 overflow-y-auto rounded-md border border-stone-300 bg-white py-1 shadow-lg",
            !(isOpen && items.length > 0) && "hidden",
          )}
        >
          {isOpen
            ? items.map((p, index) => (
                <li
                  key={`${p.organization?.id ?? ""}|${p.name}|${formatLatLng(p.lat, p.lng)}`}
                  {...getItemProps({ item: p, index })}
                  className={cx("flex cursor-pointer flex-col px-3 py-2 text-sm", highlightedIndex === index && "bg-teal-50")}
                >
                  <span className="font-medium text-stone-900">{p.name}</span>
                  <span className="text-xs text-stone-600">
                    {p.organization ? p.organization.name : `${countOf(p.uses, "signal")} posted here`}
                    {" · "}
                    {formatLatLng(p.lat, p.lng)}
                  </span>
                </li>
              ))
            : null}
        </ul>
        </div>
        <p id={`${id}-hint`} className="text-xs text-stone-600">
          {value ? `Set to ${formatLatLng(value.lat, value.lng)}${value.name ? ` (${value.name})` : ""}.` : hintText}
        </p>
        {shownError ? (
          <p id={`${id}-error`} className="text-sm text-red-700">
            {shownError}
          </p>
        ) : null}
      </div>
      {naming && value ? (
        <TextField
          label="Location name"
          optional
          hint="How people will see this place."
          value={value.name ?? ""}
          onChange={(e) => onChange({ ...value, name: e.target.value || undefined }, text)}
        />
      ) : null}
      {locate || value || text ? (
        <div className="flex flex-wrap gap-2">
          {locate ? (
            <Button variant="secondary" size="sm" onClick={locateMe} pending={locating}>
              Use my location
            </Button>
          ) : null}
          {value || text ? (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setText("");
                onChange(null, "");
              }}
            >
              Clear location
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
