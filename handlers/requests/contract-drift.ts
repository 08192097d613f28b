// Compile-time drift guard: a schema's accepted input and the contract's
// generated request type must be assignable to each other. Use as
//   export const drift: MatchesContract<z.input<typeof S>, Contract> = true;
// so that `tsc` fails when either side changes alone.
import type { components } from '../../contracts/api.ts';

export type ContractSchemas = components['schemas'];

export type MatchesContract<Input, Contract> = [Input] extends [Contract]
  ? [Contract] extends [Input]
    ? true
    : 'schema rejects what the contract allows'
  : 'schema accepts what the contract does not';
