"use client";
import { useState, type FormEvent } from "react";
import { isApiError } from "@/components/api/client";
import { useMe } from "@/components/auth/queries";
import { signInErrorText } from "@/components/auth/auth-errors";
import { SignInPrompt } from "@/components/auth/sign-in-prompt";
import { errorMessage, fieldError } from "@/components/forms/form-errors";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { formatDateTime, formatRelative } from "@/components/format/time";
import { useNow } from "@/components/format/use-now";
import { ErrorText } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { Loading } from "@/components/ui/loading";
import { createTokenSchema } from "@/server/domain/schemas";
import { useCreateToken, useRevokeToken, useTokens } from "./queries";

export function TokensView() {
  const me = useMe();
  const tokens = useTokens(!!me.data);
  const revoke = useRevokeToken();
  const now = useNow();
  const [revokeError, setRevokeError] = useState<string | null>(null);

  if (me.isPending) return <Loading />;
  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold">API tokens</h1>
        <p className="mt-1 text-stone-600">
          Personal tokens let your own machines and scripts post and claim for you: send{" "}
          <code className="rounded bg-stone-100 px-1 font-mono text-sm">Authorization: Bearer &lt;token&gt;</code>.
        </p>
      </header>
      {!me.data ? (
        <SignInPrompt>Sign in to manage your API tokens</SignInPrompt>
      ) : (
        <>
          <Card as="section" aria-labelledby="create-token-heading">
            <h2 id="create-token-heading" className="text-lg font-semibold">
              Create a token
            </h2>
            <CreateTokenForm email={me.data.email} />
          </Card>
          <section aria-labelledby="tokens-heading" className="flex flex-col gap-2">
            <h2 id="tokens-heading" className="text-lg font-semibold">
              Your tokens
            </h2>
            {tokens.isPending ? <Loading>Loading tokens…</Loading> : null}
            <ErrorText>{tokens.isError ? errorMessage(tokens.error) : revokeError}</ErrorText>
            {tokens.data && tokens.data.length === 0 ? <p className="text-sm text-stone-600">No tokens yet.</p> : null}
            {tokens.data && tokens.data.length > 0 ? (
              <ul className="flex flex-col gap-2">
                {tokens.data.map((t) => (
                  <li key={t.id} data-testid="token-row" className="flex flex-wrap items-center gap-3 rounded-md border border-stone-200 bg-white p-3">
                    <div className="min-w-0 flex-1">
                      <p className="font-medium">{t.label}</p>
                      <p className="text-sm text-stone-600">
                        Created <time title={formatDateTime(t.createdAt)}>{formatRelative(t.createdAt, now)}</time> ·{" "}
                        {t.lastUsedAt ? (
                          <>
                            last used <time title={formatDateTime(t.lastUsedAt)}>{formatRelative(t.lastUsedAt, now)}</time>
                          </>
                        ) : (
                          "never used"
                        )}
                      </p>
                    </div>
                    <Button
                      variant="danger"
                      size="sm"
                      aria-label={`Revoke token ${t.label}`}
                      pending={revoke.isPending && revoke.variables === t.id}
                      onClick={() => {
                        setRevokeError(null);
                        revoke.mutate(t.id, { onError: (err) => setRevokeError(errorMessage(err)) });
                      }}
                    >
                      Revoke
                    </Button>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        </>
      )}
    </div>
  );
}

function CreateTokenForm({ email: initialEmail }: { email: string }) {
  const create = useCreateToken();
  const [label, setLabel] = useState("");
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState("");
  const { fields, error, check, setFields, setError } = useFormErrors();
  const [token, setToken] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setToken(null);
    setCopied(false);
    const data = check(createTokenSchema, { email, password, label });
    if (!data) return;
    create.mutate(
      { email: data.email, password: data.password, label: data.label },
      {
        onSuccess: (r) => {
          setToken(r.token);
          setPassword("");
          setLabel("");
        },
        onError: (err) => {
          setFields(isApiError(err) && err.status === 400 ? err.fields : {});
          setError(signInErrorText(err));
        },
      },
    );
  }

  return (
    <div className="mt-3 flex flex-col gap-4">
      <form className="grid gap-3 sm:grid-cols-3" onSubmit={onSubmit} noValidate>
        <TextField label="Label" optional placeholder="Workshop laser cutter" value={label} onChange={(e) => setLabel(e.target.value)} error={fieldError(fields, "label")} />
        <TextField label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError(fields, "email")} />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          hint="Confirms it is you."
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(fields, "password")}
        />
        <div className="sm:col-span-3">
          <ErrorText className="mb-3">{error}</ErrorText>
          <Button type="submit" pending={create.isPending}>
            Create token
          </Button>
        </div>
      </form>
      {token ? (
        <div role="status" className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3">
          <p className="text-sm font-medium text-amber-900">Your new token. Copy it now: it will not be shown again.</p>
          <code data-testid="new-token" className="block overflow-x-auto rounded bg-white px-2 py-1.5 font-mono text-sm break-all ring-1 ring-amber-200">
            {token}
          </code>
          <div>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                void navigator.clipboard?.writeText(token).then(() => setCopied(true), () => setCopied(false));
              }}
            >
              {copied ? "Copied" : "Copy token"}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
