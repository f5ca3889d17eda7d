import { api, json } from "@/server/http/handler";
import { signInSchema } from "@/server/domain/schemas";
import { createSession, deleteSession } from "@/server/services/create-session";
import { SESSION_COOKIE } from "@/server/http/cookies";
import { serialize } from "cookie";

/** Browser sign-in: an httpOnly, SameSite=Lax session cookie (Secure when served over HTTPS). */
export const POST = api(async ({ ctx, body, ip, req }) => {
  const { user, secret, expiresAt } = await createSession(ctx, await body(signInSchema), ip);
  const cookie = serialize(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: "lax",
    secure: new URL(req.url).protocol === "https:" || req.headers.get("x-forwarded-proto") === "https",
    path: "/",
    expires: expiresAt,
  });
  return json({ user }, 201, { "Set-Cookie": cookie });
});

export const DELETE = api(async ({ ctx, sessionSecret }) => {
  if (sessionSecret) await deleteSession(ctx, sessionSecret);
  const cookie = serialize(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 0 });
  return new Response(null, { status: 204, headers: { "Set-Cookie": cookie } });
});
