"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { isApiError } from "@/components/api/client";
import { errorMessage, fieldError } from "@/components/forms/form-errors";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { ErrorText } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { createAccountSchema } from "@/server/domain/schemas";
import { useSignUp } from "./queries";
import { signInErrorText } from "./auth-errors";

export function SignUpForm({ next }: { next: string }) {
  const router = useRouter();
  const signUp = useSignUp();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { fields, error, check, failed, setFields } = useFormErrors();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = check(createAccountSchema, { name, email, password });
    if (!data) return;
    signUp.mutate(data, {
      onSuccess: () => router.push(next),
      onError: (err) => {
        if (isApiError(err) && err.code === "EMAIL_TAKEN") {
          setFields({ email: ["An account with this email already exists. Sign in instead?"] });
          return;
        }
        failed(err, isApiError(err) && (err.status === 401 || err.status === 429) ? signInErrorText(err) : errorMessage(err));
      },
    });
  }

  return (
    <Card as="section" className="mx-auto max-w-md p-6" aria-labelledby="sign-up-heading">
      <h1 id="sign-up-heading" className="text-2xl font-semibold">
        Sign up
      </h1>
      <p className="mt-1 text-sm text-stone-600">One account to post signals, claim them and join boards.</p>
      <form className="mt-5 flex flex-col gap-4" onSubmit={onSubmit} noValidate>
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldError(fields, "name")}
        />
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
          autoComplete="new-password"
          required
          minLength={10}
          hint="At least 10 characters."
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(fields, "password")}
        />
        <ErrorText>{error}</ErrorText>
        <Button type="submit" pending={signUp.isPending}>
          Sign up
        </Button>
      </form>
      <p className="mt-5 text-sm text-stone-600">
        Already have an account? <Link href={`/sign-in?next=${encodeURIComponent(next)}`}>Sign in</Link>
      </p>
    </Card>
  );
}
