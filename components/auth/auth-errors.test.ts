import { describe, expect, it } from "vitest";
import { ApiError } from "@/components/api/client";
import { signInErrorText } from "./auth-errors";

describe("signInErrorText", () => {
  it("does not say which credential was wrong", () => {
    expect(signInErrorText(new ApiError(401, "INVALID_CREDENTIALS", "Invalid email or password"))).toBe("Email or password is wrong");
  });
  it("asks to wait when rate limited, as long as the server says", () => {
    expect(signInErrorText(new ApiError(429, "RATE_LIMITED", "Slow down"))).toBe("Too many attempts, try again in a minute");
    const limited = (retryAfterSeconds: number) =>
      new ApiError(429, "RATE_LIMITED", "Slow down", {}, { error: { code: "RATE_LIMITED", retryAfterSeconds } });
    expect(signInErrorText(limited(42))).toBe("Too many attempts, try again in a minute");
    expect(signInErrorText(limited(2_350))).toBe("Too many attempts, try again in 40 minutes");
  });
});
