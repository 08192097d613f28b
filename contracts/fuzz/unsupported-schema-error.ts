// The fuzzing library understands a fixed subset of OpenAPI 3.0 schemas (the
// one openapi.yaml uses). Anything else stops it with this error, naming the
// schema and the keyword, so that a contract change cannot make it generate
// data that only looks right.
export class UnsupportedSchemaError extends Error {
  readonly code = 'FUZZ_ERR_UNSUPPORTED_SCHEMA';

  /** `at` is where the schema is, e.g. `#/components/schemas/Money/oneOf/0`. */
  constructor(
    readonly at: string,
    readonly keyword: string,
    detail: string,
  ) {
    super(`${at}: ${detail}`);
    this.name = 'UnsupportedSchemaError';
  }
}
