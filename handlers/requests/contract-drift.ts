// Compile-time drift guard: an operation's request definition and the
// contract's generated types for that operation must agree. Use as
//   export const drift: MatchesOperation<typeof definition, 'operationId'> = true;
// so that `tsc` fails, naming the part, when either side changes alone.
//
// Parameter names must be the same on both sides (header names compared in
// lower case). Path and query values are compared as the schemas output them,
// since the contract types them decoded (`id` is an integer); header values as
// the schemas take them, the strings the contract declares. The body must be
// required or optional as in the contract, with the same media types, and
// accept exactly the contract's JSON.
import type { z } from 'zod';
import type { OperationId, operations } from '../../contracts/api.ts';
import type { BodyDefinition, RequestDefinition } from './request-definition.ts';

type MatchesContract<Input, Contract> = [Input] extends [Contract]
  ? [Contract] extends [Input]
    ? true
    : 'schema rejects what the contract allows'
  : 'schema accepts what the contract does not';

export type MatchesOperation<D extends RequestDefinition, Id extends OperationId> = [Drift<D, Id>] extends [never] ? true : Drift<D, Id>;

type Drift<D extends RequestDefinition, Id extends OperationId> =
  | ParametersDrift<'path', Declared<Part<D, 'path'>, 'output'>, ContractParameters<Id, 'path'>>
  | ParametersDrift<'query', Declared<Part<D, 'query'>, 'output'>, ContractParameters<Id, 'query'>>
  | ParametersDrift<'header', Declared<Part<D, 'headers'>, 'input'>, LowercaseKeys<ContractParameters<Id, 'header'>>>
  | BodyDrift<Part<D, 'body'>, Id>;

type Nothing = Record<never, never>;
type Part<D, K extends keyof RequestDefinition> = D extends { [P in K]: infer S } ? S : undefined;
type Declared<S, Side extends 'input' | 'output'> = S extends z.ZodType ? (Side extends 'input' ? z.input<S> : z.output<S>) : Nothing;
type OrNothing<T> = [T] extends [never] ? Nothing : T;
type ContractParameters<Id extends OperationId, In extends 'path' | 'query' | 'header'> = OrNothing<
  NonNullable<operations[Id]['parameters'][In]>
>;
type LowercaseKeys<T> = { [K in keyof T as Lowercase<K & string>]: T[K] };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type ParametersDrift<Where extends string, Ours, Theirs> =
  Same<keyof Ours, keyof Theirs> extends true
    ? MatchesContract<Partial<Ours>, Partial<Theirs>> extends true
      ? never
      : `${Where}: ${MatchesContract<Partial<Ours>, Partial<Theirs>>}`
    : `${Where}: parameter names differ from the contract`;

type ContractBody<Id extends OperationId> = operations[Id]['requestBody'];
type ContractContent<Id extends OperationId> = ContentOf<NonNullable<ContractBody<Id>>>;
type ContentOf<Body> = Body extends { content: infer C } ? C : never;
type ContractRequires<Id extends OperationId> = undefined extends ContractBody<Id> ? false : true;
type OurMediaTypes<B> = 'application/json' | (B extends { multipart: unknown } ? 'multipart/form-data' : never);

type BodyDrift<B, Id extends OperationId> = [ContractContent<Id>] extends [never]
  ? B extends BodyDefinition
    ? 'body: the contract takes none'
    : never
  : B extends BodyDefinition
    ?
        | ([B['required']] extends [ContractRequires<Id>] ? never : 'body: required in one, optional in the other')
        | (Same<OurMediaTypes<B>, keyof ContractContent<Id>> extends true ? never : 'body: media types differ from the contract')
        | (ContractContent<Id> extends { 'application/json': infer Json }
            ? MatchesContract<z.input<B['json']>, Json> extends true
              ? never
              : `body: ${MatchesContract<z.input<B['json']>, Json>}`
            : 'body: the contract takes no JSON')
    : 'body: the contract takes one';
