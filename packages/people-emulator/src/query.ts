/** Query-string access with Google's conventions: repeated keys, `name[]` aliases. */
export class Query {
  constructor(private readonly params: URLSearchParams) {}

  /** First value of a singular parameter. */
  one(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  /** All values of a repeated parameter, accepting both `name` and `name[]`. */
  all(name: string): string[] {
    return [...this.params.getAll(name), ...this.params.getAll(`${name}[]`)];
  }

  keys(): string[] {
    return [...new Set(this.params.keys())];
  }

  /** The log form: string values, arrays when a key repeats. */
  toRecord(): Record<string, string | string[]> {
    const record: Record<string, string | string[]> = {};
    for (const key of this.keys()) {
      const values = this.params.getAll(key);
      record[key] = values.length === 1 ? (values[0] ?? '') : values;
    }
    return record;
  }
}
