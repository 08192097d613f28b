// Walks a paginated list (`{results, count, next_cursor}`).
import { setTimeout } from 'node:timers/promises';
import { expect } from '@playwright/test';
import type { Dispute } from '../../contracts/api.ts';
import type { ApiClient } from './api-client.ts';

interface Page<T> {
  results: T[];
  count: number;
  next_cursor: string | null;
}

type PageCall<T> = (cursor: string | undefined) => Promise<{ data?: Page<T>; response: Response }>;

/** Every page in order and the `count` each one reported; stops after 50 pages. */
export async function allPages<T>(call: PageCall<T>): Promise<{ pages: T[][]; counts: number[] }> {
  return pagesUntil(call, () => false);
}

/**
 * Pages in order until `enough` holds for what was read so far, or the list
 * ends (at most 50 pages). Lists are newest first, so what a test just created
 * is on the first pages, however long the identity's history on a stage.
 */
export async function pagesUntil<T>(call: PageCall<T>, enough: (read: T[]) => boolean): Promise<{ pages: T[][]; counts: number[] }> {
  const pages: T[][] = [];
  const counts: number[] = [];
  let cursor: string | undefined;
  do {
    const { data, response } = await call(cursor);
    expect(response.status).toBe(200);
    pages.push(data!.results);
    counts.push(data!.count);
    cursor = data!.next_cursor ?? undefined;
  } while (cursor && pages.length < 50 && !enough(pages.flat()));
  return { pages, counts };
}

/**
 * The first pages of the caller's disputes (with the query), read until they
 * hold every one of `ids`. The lists come from indexes, which DynamoDB updates
 * a moment after the write: a read that misses one is tried again, for a few seconds.
 */
export async function pagesHolding(api: ApiClient, ids: number[], query: { status?: Dispute['status']; limit: number }) {
  const holdsAll = (read: Dispute[]) => ids.every((id) => read.some((dispute) => dispute.id === id));
  const read = () => pagesUntil((cursor) => api.GET('/disputes', { params: { query: { ...query, cursor } } }), holdsAll);
  let result = await read();
  for (let attempt = 1; attempt < 10 && !holdsAll(result.pages.flat()); attempt += 1) {
    await setTimeout(500);
    result = await read();
  }
  return result;
}
