// Never yields: only killing the environment stops it.
export async function handler(): Promise<never> {
  for (;;) {
    // spin
  }
}
