/** A PEM block's armour line: a value that holds one is key or certificate text, not a file name. */
const PEM_ARMOUR = /-----BEGIN [A-Z0-9 ]+-----/;

/** True when a value meant to name a PEM file holds PEM text instead: it must never be echoed. */
export function isPemText(value: string): boolean {
  return PEM_ARMOUR.test(value);
}

/** What an error shows instead of PEM text: its length, never its content (it may be a private key). */
export function describePemText(value: string): string {
  return `[PEM text, ${value.length} characters, not shown]`;
}
