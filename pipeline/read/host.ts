/**
 * Whether the core runs in Node (the CLI, its workers, the tests) or a
 * browser (the add-in), for the few readers that load something different in
 * each: no Node import here, as the add-in bundles this module.
 *
 * In: nothing (the global `process`). Out: whether this is Node, and Node's
 * built-in modules by id (undefined in a browser).
 */
type NodeProcess = { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown };

export function inNode(): boolean {
  return (globalThis as { process?: NodeProcess }).process?.versions?.node !== undefined;
}

/** A Node built-in module (`node:zlib`, `node:module`), or undefined outside Node. */
export function nodeBuiltin<T>(id: string): T | undefined {
  const p = (globalThis as { process?: NodeProcess }).process;
  return inNode() ? (p?.getBuiltinModule?.(id) as T | undefined) : undefined;
}
