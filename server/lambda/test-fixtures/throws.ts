export async function handler(): Promise<never> {
  throw new TypeError('boom');
}
