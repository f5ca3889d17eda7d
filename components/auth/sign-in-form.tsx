"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { isApiError } from "@/components/api/client";
import { fieldError } from "@/components/forms/form-errors";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { ErrorText } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { signInSchema } from "@/server/domain/schemas";
import { signInErrorText } from "./auth-errors";
import { useSignIn } from "./queries";

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const signIn = useSignIn();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { fields, error, check, setFields, setError } = useFormErrors();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = check(signInSchema, { email, password });
    if (!data) return;
    signIn.mutate(data, {
      onSuccess: () => router.push(next),
      onError: (err) => {
        setFields(isApiError(err) && err.status === 400 ? err.fields : {});
        setError(signInErrorText(err));
      },
    });
  }

  return (
    <Card as="section" className="mx-auto max-w-md p-6" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading" className="text-2xl font-semibold">
        Sign in
      </h1>
      <form className="mt-5 flex flex-col gap-4" onSubmit={onSubmit} noValidate>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError(fields, "email")}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(fields, "password")}
        />
        <ErrorText>{error}</ErrorText>
        <Button type="submit" pending={signIn.isPending}>
          Sign in
        </Button>
      </form>
      <p className="mt-5 text-sm text-stone-600">
        No account yet? <Link href={`/sign-up?next=${encodeURIComponent(next)}`}>Sign up</Link>
      </p>
    </Card>
  );
}
