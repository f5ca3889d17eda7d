import type { Metadata } from "next";
import { safeNextPath } from "@/components/auth/next-path";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next } = await searchParams;
  return <SignUpForm next={safeNextPath(next)} />;
}
