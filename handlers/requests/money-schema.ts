import { z } from 'zod';
import { parseMoney } from '../domain/money.ts';

/** The contract's Money (number or decimal string), normalised to "150.00". */
export const MoneySchema = z
  .union([z.number().min(0).max(99999999.99), z.string().regex(/^\d{1,8}(\.\d{1,2})?$/, 'Must be a decimal like 150.00')])
  .transform((value, context) => {
    const amount = parseMoney(value);
    if (amount === null) {
      context.addIssue({ code: 'custom', message: 'Must be a non-negative amount with at most two decimals' });
      return z.NEVER;
    }
    return amount;
  });
