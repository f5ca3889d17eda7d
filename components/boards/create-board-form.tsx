"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorMessage, fieldError } from "@/components/forms/form-errors";
import { useFormErrors } from "@/components/forms/use-form-errors";
import { isApiError } from "@/components/api/client";
import { ErrorText } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextAreaField, TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { createBoardSchema } from "@/server/domain/schemas";
import { useCreateBoard, type CreateBoardBody } from "./queries";
import { slugify } from "./slugify";

export const LICENCES = ["CC-BY-SA-4.0", "Peer Production License", "CERN-OHL-S-2.0", "CC-BY-4.0", "CC0-1.0"];

export function CreateBoardForm() {
  const router = useRouter();
  const create = useCreateBoard();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [covenant, setCovenant] = useState("");
  const [licence, setLicence] = useState(LICENCES[0]!);
  const [visibility, setVisibility] = useState<"public" | "members">("public");
  const { fields, error, check, failed } = useFormErrors();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body: CreateBoardBody = { slug: slug.trim(), name, covenant, licence, visibility };
    if (!check(createBoardSchema, body)) return;
    create.mutate(body, {
      onSuccess: (b) => router.push(`/boards/${encodeURIComponent(b?.slug ?? body.slug)}`),
      onError: (err) =>
        failed(err, isApiError(err) && err.code === "SLUG_TAKEN" ? "That slug is taken; choose another." : errorMessage(err)),
    });
  }

  return (
    <Card>
      <form className="flex flex-col gap-4" onSubmit={onSubmit} noValidate>
        <TextField
          label="Board name"
          value={name}
          required
          onChange={(e) => {
            setName(e.target.value);
            if (!slugEdited) setSlug(slugify(e.target.value));
          }}
          error={fieldError(fields, "name")}
        />
        <TextField
          label="Slug"
          hint="The board's address, /boards/<slug>: 3–50 lowercase letters, digits or hyphens."
          value={slug}
          required
          pattern="[a-z0-9][a-z0-9-]{1,48}[a-z0-9]"
          onChange={(e) => {
            setSlug(e.target.value);
            setSlugEdited(true);
          }}
          error={fieldError(fields, "slug")}
        />
        <TextAreaField
          label="Covenant"
          optional
          rows={4}
          hint="How members work together. Everyone accepts it when joining."
          value={covenant}
          onChange={(e) => setCovenant(e.target.value)}
          error={fieldError(fields, "covenant")}
        />
        <TextField
          label="Licence"
          list="licence-options"
          value={licence}
          onChange={(e) => setLicence(e.target.value)}
          hint="The commons licence for designs shared on this board."
          error={fieldError(fields, "licence")}
        />
        <datalist id="licence-options">
          {LICENCES.map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
        <SelectField
          label="Visibility"
          value={visibility}
          onChange={(e) => setVisibility(e.target.value as "public" | "members")}
          options={[
            { value: "public", label: "Public: anyone can read it" },
            { value: "members", label: "Members only" },
          ]}
          error={fieldError(fields, "visibility")}
        />
        <ErrorText>{error}</ErrorText>
        <Button type="submit" pending={create.isPending}>
          Create board
        </Button>
      </form>
    </Card>
  );
}
