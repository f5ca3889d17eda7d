"use client";
import "@/components/zod-without-eval"; // first: before any schema parses in the browser
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { isApiError } from "@/components/api/client";
import { RealtimeProvider } from "@/components/realtime/realtime-provider";

/** Client errors (4xx) will not change by asking again; network and server errors might. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 15_000, retry: shouldRetry },
      mutations: { retry: false },
    },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab (and per server render), never shared between visitors.
  const [client] = useState(makeQueryClient);
  return (
    // nuqs keeps view filters (the coordinator's view) in the URL through the App Router.
    <NuqsAdapter>
      <QueryClientProvider client={client}>
        <RealtimeProvider>{children}</RealtimeProvider>
      </QueryClientProvider>
    </NuqsAdapter>
  );
}
