/**
 * The message Go's `encoding/json` gives for text that is not valid JSON (its scanner's SyntaxError),
 * for the handlers that answer with it verbatim (the log routes: protocol §3.9). Undefined for valid
 * JSON. A small state machine over the same states as Go's scanner, reporting its first error.
 */
export function goJsonSyntaxError(text: string): string | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.skipSpace();
    scanner.value('looking for beginning of value');
    scanner.skipSpace();
    if (!scanner.atEnd()) scanner.fail('after top-level value');
    return undefined;
  } catch (error) {
    if (error instanceof GoSyntaxError) return error.message;
    throw error;
  }
}

class GoSyntaxError extends Error {}

class Scanner {
  private i = 0;
  constructor(private readonly s: string) {}

  atEnd(): boolean {
    return this.i >= this.s.length;
  }

  skipSpace(): void {
    while (!this.atEnd() && ' \t\r\n'.includes(this.s[this.i])) this.i++;
  }

  fail(context: string): never {
    if (this.atEnd()) throw new GoSyntaxError('unexpected end of JSON input');
    throw new GoSyntaxError(`invalid character ${quoteChar(this.s[this.i])} ${context}`);
  }

  value(context: string): void {
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const literal of ['true', 'false', 'null']) if (c === literal[0]) return this.literal(literal);
    this.fail(context);
  }

  private object(): void {
    this.i++;
    this.skipSpace();
    if (this.s[this.i] === '}') return void this.i++;
    for (;;) {
      if (this.s[this.i] !== '"') this.fail('looking for beginning of object key string');
      this.string();
      this.skipSpace();
      if (this.s[this.i] !== ':') this.fail('after object key');
      this.i++;
      this.skipSpace();
      this.value('looking for beginning of value');
      this.skipSpace();
      if (this.s[this.i] === '}') return void this.i++;
      if (this.s[this.i] !== ',') this.fail('after object key:value pair');
      this.i++;
      this.skipSpace();
    }
  }

  private array(): void {
    this.i++;
    this.skipSpace();
    if (this.s[this.i] === ']') return void this.i++;
    for (;;) {
      this.value('looking for beginning of value');
      this.skipSpace();
      if (this.s[this.i] === ']') return void this.i++;
      if (this.s[this.i] !== ',') this.fail('after array element');
      this.i++;
      this.skipSpace();
    }
  }

  private string(): void {
    this.i++;
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) this.fail('in string literal');
      if (c === '"') return void this.i++;
      if (c < ' ') this.fail('in string literal');
      this.i++;
      if (c !== '\\') continue;
      const escape = this.s[this.i];
      if (escape !== undefined && '"\\/bfnrt'.includes(escape)) this.i++;
      else if (escape === 'u') {
        this.i++;
        for (let k = 0; k < 4; k++, this.i++)
          if (!/[0-9a-fA-F]/.test(this.s[this.i] ?? '')) this.fail('in \\u hexadecimal character escape');
      } else this.fail('in string escape code');
    }
  }

  private number(): void {
    if (this.s[this.i] === '-') this.i++;
    if (this.s[this.i] === '0') this.i++;
    else if (this.digits() === 0) this.fail('in numeric literal');
    if (this.s[this.i] === '.') {
      this.i++;
      if (this.digits() === 0) this.fail('after decimal point in numeric literal');
    }
    if (this.s[this.i] === 'e' || this.s[this.i] === 'E') {
      this.i++;
      if (this.s[this.i] === '+' || this.s[this.i] === '-') this.i++;
      if (this.digits() === 0) this.fail('in exponent of numeric literal');
    }
  }

  private digits(): number {
    const start = this.i;
    while (this.s[this.i] >= '0' && this.s[this.i] <= '9') this.i++;
    return this.i - start;
  }

  private literal(word: string): void {
    for (let k = 0; k < word.length; k++, this.i++) {
      if (this.s[this.i] !== word[k]) this.fail(`in literal ${word} (expecting ${quoteChar(word[k])})`);
    }
  }
}

/** Go's quoteChar: `'\''` and `'"'` special, the rest as strconv.Quote in single quotes. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  return `'${JSON.stringify(c).slice(1, -1)}'`;
}
