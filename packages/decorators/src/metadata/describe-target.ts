/** `GitCloner` for a class or its prototype, for messages. */
export function className(target: object): string {
  const ctor = typeof target === 'function' ? target : target.constructor;
  return ctor?.name || '(anonymous class)';
}

/** `GitCloner.reconcile` for a member. */
export function memberName(target: object, key: string | symbol): string {
  return `${className(target)}.${String(key)}`;
}
