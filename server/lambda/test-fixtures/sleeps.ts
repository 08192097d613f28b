// Sleeps for the number of ms in the body (default: forever, well past any timeout).
export async function handler(event: { body?: string }): Promise<{ statusCode: number }> {
  await new Promise((resolve) => setTimeout(resolve, Number(event.body ?? 3_600_000)));
  return { statusCode: 204 };
}
