// Every import a TypeScript module makes, read with the compiler's own
// parser: static `import … from`, `export … from`, `import('literal')` and
// `import('…')` types, each with whether it is type-only (gone from a bundle).
// The import-direction tests read modules through this.
import ts from 'typescript';

export interface Import {
  specifier: string;
  typeOnly: boolean;
}

/** Static `import … from`, `export … from` and `import('literal')`, with whether each is type-only. */
export function importsOf(source: string, fileName = 'module.ts'): Import[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Import[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly === true || allTypes(node.importClause) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) found.push({ specifier: argument.text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** `import { type A, type B } from` names only types, as `import type` does. */
function allTypes(clause: ts.ImportClause | undefined): boolean {
  const bindings = clause?.namedBindings;
  return !!clause && !clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.every((element) => element.isTypeOnly);
}
