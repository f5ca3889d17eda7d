import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { SiteHeader } from "@/components/site-header";
import "./globals.css";

// Every page is rendered per request so that Next can put this response's CSP nonce on its scripts
// (server/http/security-headers.ts, ADR 009); a page prerendered at build time could carry none.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Stigmergy Board", template: "%s · Stigmergy Board" },
  description: "An open supply-chain coordination board: publish needs, capacity and stock, and claim what you can fill.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#115e59",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <Providers>
          <SiteHeader />
          <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6 sm:py-8">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
