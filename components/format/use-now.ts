"use client";
import { useEffect, useState } from "react";

/** The current time, re-read every `everyMs`, so relative texts ("due in 3 hours") stay true on screen. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
