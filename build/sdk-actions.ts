// The IAM actions a bundle needs, read from the code: those that authorize every
// SDK command class (and presigned POST) the project modules inside the bundle
// import. Terraform grants a function exactly these, so an action missing here is a
// permission missing in production: an SDK import this file cannot map fails
// the build rather than being skipped.
//
// A DynamoDB transaction is not an IAM action of its own: "Permissions for
// Put, Update, Delete, and Get actions are governed by the permissions used
// for the underlying PutItem, UpdateItem, DeleteItem, and GetItem operations.
// For the ConditionCheck action, you can use the dynamodb:ConditionCheckItem
// permission" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html).
// So a module that sends transactions is read for the kinds of items it
// writes (`Put: {…}`, `ConditionCheck: {…}`, …), and those actions are listed.
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

// Paginators call one operation page after page: the action is that operation's.
const PAGINATORS: Record<string, Record<string, string>> = {
  '@aws-sdk/lib-dynamodb': { paginateQuery: 'dynamodb:Query', paginateScan: 'dynamodb:Scan' },
  '@aws-sdk/client-dynamodb': { paginateQuery: 'dynamodb:Query', paginateScan: 'dynamodb:Scan' },
  '@aws-sdk/client-s3': { paginateListObjectsV2: 's3:ListObjectsV2' },
};

// Client packages and the service prefix of their actions.
const CLIENT_SERVICES: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/client-s3': 's3',
};

// Imports that call no API themselves: bare clients, marshalling, errors, and
// the URL presigner (it signs a command imported on its own). Anything else
// that is not a command or a known paginator (waiters, aggregated clients) is refused.
const CALLS_NOTHING = /^(DynamoDBClient|DynamoDBDocumentClient|S3Client|getSignedUrl|marshall|unmarshall|\w+Exception)$/;

// The transaction commands, and the IAM action of each kind of item they carry.
const TRANSACTION_ITEMS: Record<string, Record<string, string>> = {
  'dynamodb:TransactWriteItems': {
    Put: 'dynamodb:PutItem',
    Update: 'dynamodb:UpdateItem',
    Delete: 'dynamodb:DeleteItem',
    ConditionCheck: 'dynamodb:ConditionCheckItem',
  },
  'dynamodb:TransactGetItems': { Get: 'dynamodb:GetItem' },
};

// S3 operations are authorized by IAM actions of other names: HeadObject needs
// s3:GetObject ("To use HEAD, you must have the s3:GetObject permission"), and
// CopyObject read access to the source and write access to the destination
// (S3 API Reference, HeadObject and CopyObject). Reading a key that does not
// exist answers 404 only to a caller with s3:ListBucket on the bucket, 403 to
// any other; the handlers treat a missing upload as 404 (NotFound, NoSuchKey),
// so the operations that read a key also need s3:ListBucket.
const S3_OPERATION_ACTIONS: Record<string, string[]> = {
  GetObject: ['s3:GetObject', 's3:ListBucket'],
  HeadObject: ['s3:GetObject', 's3:ListBucket'],
  PutObject: ['s3:PutObject'],
  CopyObject: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
  DeleteObject: ['s3:DeleteObject'],
  DeleteObjects: ['s3:DeleteObject'],
  ListObjectsV2: ['s3:ListBucket'],
};

/**
 * The API action one named import from an SDK package calls (`dynamodb:GetItem`),
 * or undefined when it calls nothing itself. For S3 this is the operation's
 * name; iamActionsOf turns it into the IAM actions that authorize it.
 */
export function actionOf(module: string, name: string): string | undefined {
  // A presigned POST lets the holder upload: S3 authorizes it as PutObject.
  if (module === '@aws-sdk/s3-presigned-post' && name === 'createPresignedPost') return 's3:PutObject';
  if (CALLS_NOTHING.test(name)) return undefined;
  const paginated = PAGINATORS[module]?.[name];
  if (paginated) return paginated;
  if (!name.endsWith('Command')) throw unknown(module, name);
  if (module === '@aws-sdk/lib-dynamodb') {
    const operation = DOCUMENT_COMMANDS[name];
    if (!operation) throw unknown(module, name);
    return `dynamodb:${operation}`;
  }
  const service = CLIENT_SERVICES[module];
  if (!service) throw unknown(module, name);
  const operation = name.slice(0, -'Command'.length);
  if (service === 's3' && !S3_OPERATION_ACTIONS[operation]) throw unknown(module, name);
  return `${service}:${operation}`;
}

/** The IAM actions that authorize one API action (S3 operations map to the actions S3 checks). */
export function iamActionsOf(action: string): string[] {
  const [service, operation = ''] = action.split(':');
  return service === 's3' ? (S3_OPERATION_ACTIONS[operation] ?? [action]) : [action];
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

/** The names of the object-literal properties in one module (`{ Put: { … } }` gives `Put`). */
function propertyNames(sourceText: string, fileName: string): Set<string> {
  const file = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) names.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return names;
}

/** The IAM actions one module's calls need: its commands, with a transaction replaced by the actions of the items it writes. */
export function moduleActions(sourceText: string, fileName = 'module.ts'): string[] {
  const actions = new Set<string>();
  for (const { module, name } of sdkImports(sourceText, fileName)) {
    const action = actionOf(module, name);
    if (!action) continue;
    const items = TRANSACTION_ITEMS[action];
    if (!items) {
      for (const iamAction of iamActionsOf(action)) actions.add(iamAction);
      continue;
    }
    const written = propertyNames(sourceText, fileName);
    const itemActions = Object.entries(items).flatMap(([kind, itemAction]) => (written.has(kind) ? [itemAction] : []));
    if (itemActions.length === 0) {
      throw new Error(
        `${fileName}: ${name} is imported but no ${Object.keys(items).join(', ')} item is written here; build its items where it is sent`,
      );
    }
    for (const itemAction of itemActions) actions.add(itemAction);
  }
  return [...actions];
}

/** The sorted actions of a bundle, from its project (non-node_modules) input files. */
export function bundleActions(
  projectInputs: readonly string[],
  read: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): string[] {
  const actions = new Set<string>();
  for (const file of projectInputs) for (const action of moduleActions(read(file), file)) actions.add(action);
  return [...actions].sort();
}
