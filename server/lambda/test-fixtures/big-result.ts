export async function handler(): Promise<unknown> {
  return { statusCode: 200, body: 'x'.repeat(6 * 1024 * 1024 + 100) };
}
