// Start-up (migrations, the demo seed, Next's preparation) leaves tens of MB of garbage scattered over the
// V8 heap, and an idle server allocates too little for V8 to collect and compact it soon: a first start on
// a new data folder sat 40-70 MB above every later start (ADR 016). One compacting collection once the
// server is ready gives those pages back.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export function collectStartupGarbage(): void {
  // `gc` is exposed only to contexts created while the flag is on, and both flags are turned off again at
  // once: nothing else in the process gets a handle on the collector, and later collections are V8's own.
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  setFlagsFromString("--no-expose-gc");
  setFlagsFromString("--compact-on-every-full-gc");
  try {
    gc();
  } finally {
    setFlagsFromString("--no-compact-on-every-full-gc");
  }
}
