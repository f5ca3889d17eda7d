// Password hashing is argon2id through @node-rs/argon2 (prebuilt, no install script), never by hand.
import { hash, verify } from "@node-rs/argon2";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against a fixed hash when the email is unknown keeps the answer time the same either way,
// so timing does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;
export function dummyVerify(password: string) {
  dummyHash ??= hash("not-a-real-password-0000");
  return dummyHash.then((h) => verifyPassword(h, password));
}
