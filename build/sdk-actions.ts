// The AWS API actions a bundle can call, read from the code: every SDK command
// class (and presigned POST) that the project modules inside the bundle
// import. Terraform grants a function exactly these, so an action missing here
// is a permission missing in production: an SDK import this file cannot map
// fails the build rather than being skipped.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

// lib-dynamodb's document commands wrap these DynamoDB operations.
const DOCUMENT_COMMANDS: Record<string, string> = {
  GetCommand: 'GetItem',
  PutCommand: 'PutItem',
  UpdateCommand: 'UpdateItem',
  DeleteCommand: 'DeleteItem',
  QueryCommand: 'Query',
  ScanCommand: 'Scan',
  BatchGetCommand: 'BatchGetItem',
  BatchWriteCommand: 'BatchWriteItem',
  TransactGetCommand: 'TransactGetItems',
  TransactWriteCommand: 'TransactWriteItems',
  ExecuteStatementCommand: 'ExecuteStatement',
  BatchExecuteStatementCommand: 'BatchExecuteStatement',
  ExecuteTransactionCommand: 'ExecuteTransaction',
};

// Client packages and the service prefix of their actions.
const CLIENT_SERVICES: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/client-s3': 's3',
};

// Imports that call no API themselves: bare clients, marshalling, errors, and
// the URL presigner (it signs a command imported on its own). Anything else
// that is not a command (paginators, waiters, aggregated clients) is refused.
const CALLS_NOTHING = /^(DynamoDBClient|DynamoDBDocumentClient|S3Client|getSignedUrl|marshall|unmarshall|\w+Exception)$/;

/** `service:Action` for one named import from an SDK package; undefined when it calls nothing itself. */
export function actionOf(module: string, name: string): string | undefined {
  // A presigned POST lets the holder upload: S3 authorizes it as PutObject.
  if (module === '@aws-sdk/s3-presigned-post' && name === 'createPresignedPost') return 's3:PutObject';
  if (CALLS_NOTHING.test(name)) return undefined;
  if (!name.endsWith('Command')) throw unknown(module, name);
  if (module === '@aws-sdk/lib-dynamodb') {
    const operation = DOCUMENT_COMMANDS[name];
    if (!operation) throw unknown(module, name);
    return `dynamodb:${operation}`;
  }
  const service = CLIENT_SERVICES[module];
  if (!service) throw unknown(module, name);
  return `${service}:${name.slice(0, -'Command'.length)}`;
}

function unknown(module: string, name: string): Error {
  return new Error(`${name} from ${module}: no AWS action is known for it; add it to build/sdk-actions.ts`);
}

/** Named value imports from `@aws-sdk/*` in one TypeScript module (type-only imports call nothing). */
export function sdkImports(sourceText: string, fileName = 'module.ts'): Array<{ module: string; name: string }> {
  const file = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: Array<{ module: string; name: string }> = [];
  for (const statement of file.statements) {
    // A re-export hands the SDK's names on just as an import does.
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      const module = statement.moduleSpecifier.text;
      if (!module.startsWith('@aws-sdk/') || statement.isTypeOnly) continue;
      if (!statement.exportClause || !ts.isNamedExports(statement.exportClause))
        throw new Error(`${fileName}: export * from ${module} hides which commands it uses`);
      for (const element of statement.exportClause.elements) {
        if (!element.isTypeOnly) found.push({ module, name: (element.propertyName ?? element.name).text });
      }
      continue;
    }
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const module = statement.moduleSpecifier.text;
    const clause = statement.importClause;
    if (!module.startsWith('@aws-sdk/') || !clause || clause.isTypeOnly) continue;
    if (clause.name) throw new Error(`${fileName}: a default import from ${module} hides which commands it uses`);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) throw new Error(`${fileName}: import * from ${module} hides which commands it uses`);
    if (!bindings) continue;
    for (const element of bindings.elements) {
      if (!element.isTypeOnly) found.push({ module, name: (element.propertyName ?? element.name).text });
    }
  }
  return found;
}

/** The sorted actions of a bundle, from its project (non-node_modules) input files. */
export function bundleActions(
  projectInputs: readonly string[],
  read: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): string[] {
  const actions = new Set<string>();
  for (const file of projectInputs) {
    for (const { module, name } of sdkImports(read(file), file)) {
      const action = actionOf(module, name);
      if (action) actions.add(action);
    }
  }
  return [...actions].sort();
}
