// Walks a paginated list (`{results, count, next_cursor}`) to its end.
import { expect } from '@playwright/test';

interface Page<T> {
  results: T[];
  count: number;
  next_cursor: string | null;
}

type PageCall<T> = (cursor: string | undefined) => Promise<{ data?: Page<T>; response: Response }>;

/** Every page in order and the `count` each one reported; stops after 50 pages. */
export async function allPages<T>(call: PageCall<T>): Promise<{ pages: T[][]; counts: number[] }> {
  const pages: T[][] = [];
  const counts: number[] = [];
  let cursor: string | undefined;
  do {
    const { data, response } = await call(cursor);
    expect(response.status).toBe(200);
    pages.push(data!.results);
    counts.push(data!.count);
    cursor = data!.next_cursor ?? undefined;
  } while (cursor && pages.length < 50);
  return { pages, counts };
}
