// Keeps a core busy for the number of ms in the body, then answers.
export async function handler(event: { body?: string }): Promise<{ statusCode: number }> {
  const until = performance.now() + Number(event.body ?? 100);
  while (performance.now() < until) {
    // burn
  }
  return { statusCode: 204 };
}
