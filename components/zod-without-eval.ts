// zod 4 speeds object parsing up by compiling parsers with `new Function`, and probes for that ability with
// `Function("")` on the first parse. The Content-Security-Policy forbids eval (ADR 009), so in the browser
// the probe is refused and Chromium reports a CSP violation each page load. Parsing without the compiler
// needs no eval; the forms' schemas are small, so the speed-up is not missed.
import { z } from "zod";

z.config({ jitless: true });
