export async function handler(): Promise<unknown> {
  return { statusCode: 'two hundred', body: { not: 'a string' } };
}
