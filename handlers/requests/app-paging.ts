// The mobile app pages by number (`page`, `page_size`); the lists page by
// cursor. `page_size` is read as `limit`, and `page=1` as the first page; a
// later page number is a 400 that says to send the cursor instead
// (docs/mobile-app-compatibility.md, rows 1 and 8).
import { z } from 'zod';
import { APP_FIELD_HINTS } from './app-field-hints.ts';
import { DEFAULT_LIMIT, PageSizeSchema } from './parameters.ts';

const PAGE_HINTS = APP_FIELD_HINTS.listDisputes;
export const LATER_PAGE_MESSAGE = `Only page=1, the first page, is taken; ${PAGE_HINTS['query.page']}`;
export const PAGE_WITH_CURSOR_MESSAGE = `page=1 is the first page and takes no cursor; ${PAGE_HINTS['query.page']}`;
export const LIMIT_AND_PAGE_SIZE_MESSAGE = `limit and page_size differ; ${PAGE_HINTS['query.page_size']}: send one of them`;

/**
 * `Limit`, `PageSize` and `Page`. `limit` has no default here: whether it was
 * sent decides whether it agrees with `page_size` (`withPageSize` sets it).
 */
export const appPagingQuery = {
  limit: PageSizeSchema.optional(),
  page_size: PageSizeSchema.optional(),
  page: z
    .string()
    // The integer 1, however written (`1`, `01`): the first page.
    .refine((value) => /^0*1$/.test(value), LATER_PAGE_MESSAGE)
    .transform(Number)
    .optional(),
};

interface PagingQuery {
  limit?: number | undefined;
  page_size?: number | undefined;
  page?: number | undefined;
  cursor?: string | undefined;
}

/** The rules across the paging parameters, as zod issues at `page_size` and `page`. */
export function checkAppPaging(query: PagingQuery, context: z.RefinementCtx): void {
  if (query.limit !== undefined && query.page_size !== undefined && query.limit !== query.page_size) {
    context.addIssue({ code: 'custom', path: ['page_size'], message: LIMIT_AND_PAGE_SIZE_MESSAGE });
  }
  if (query.page !== undefined && query.cursor !== undefined) {
    context.addIssue({ code: 'custom', path: ['page'], message: PAGE_WITH_CURSOR_MESSAGE });
  }
}

/** The page size the list reads: `limit`, else `page_size`, else the default. */
export function withPageSize<Q extends PagingQuery>(query: Q): Q & { limit: number } {
  return { ...query, limit: query.limit ?? query.page_size ?? DEFAULT_LIMIT };
}
