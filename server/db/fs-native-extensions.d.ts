// Types for the two functions we use of fs-native-extensions (it ships none): kernel file locks on an
// open descriptor (Linux: open-file-description locks; macOS: flock; Windows: LockFileEx).
declare module "fs-native-extensions" {
  /** Takes an exclusive (or, with `shared`, a shared) lock at once; false when another holder has it. */
  export function tryLock(fd: number, opts?: { shared?: boolean }): boolean;
  /** Waits until the lock can be taken, then takes it. */
  export function waitForLock(fd: number, opts?: { shared?: boolean }): Promise<void>;
}
