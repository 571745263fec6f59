// The API report: every public entry point's exported names, read by the TypeScript compiler so types count too.
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

const tsconfigPath = resolve(__dirname, '../../tsconfig.json');

/** The entry points users import (`@conveyor-ts/core`, `.../testing`, ...), mapped to their sources as in tsconfig. */
export function publicEntryPoints(): Map<string, string> {
  const { config, error } = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
  if (error) throw new Error(`cannot read ${tsconfigPath}: ${String(error.messageText)}`);
  const paths = (config?.compilerOptions?.paths ?? {}) as Record<string, string[]>;
  return new Map(
    Object.entries(paths).map(([name, [target]]) => [name, resolve(dirname(tsconfigPath), target!)]),
  );
}

/** Each entry point's sorted export list; a type-only export reads `type Name`. */
export function listExports(entryPoints: Map<string, string>): Map<string, string[]> {
  const { config } = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, dirname(tsconfigPath));
  const program = ts.createProgram([...entryPoints.values()], { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const lists = new Map<string, string[]>();
  for (const [name, file] of entryPoints) {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`${name}: cannot read its entry point ${file}`);
    const names = checker
      .getExportsOfModule(module)
      .map((s) => (isValue(checker, s) ? s.name : `type ${s.name}`));
    lists.set(
      name,
      names.sort((a, b) => bare(a).localeCompare(bare(b))),
    );
  }
  return lists;
}

function isValue(checker: ts.TypeChecker, symbol: ts.Symbol): boolean {
  const typeOnly = symbol.declarations?.some(
    (d) => ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly),
  );
  if (typeOnly) return false;
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return (target.flags & ts.SymbolFlags.Value) !== 0;
}

const bare = (entry: string): string => entry.replace(/^type /, '');
