/**
 * Values made from a text (a parsed or checked GraphQL document), kept per text so that a text sent again is not
 * worked on again. Clients send the same few texts again and again; one sending ever new ones cannot grow it: texts
 * longer than `longest` are not kept, and past `most` entries or `mostChars` characters in all (a parsed tree grows
 * with its text) the oldest kept go first.
 */
export class KeptByText<T> {
  private readonly kept = new Map<string, T>();
  private chars = 0;

  constructor(
    private readonly most = 500,
    private readonly mostChars = 1_000_000,
    private readonly longest = 10_000,
  ) {}

  get(text: string): T | undefined {
    return this.kept.get(text);
  }

  keep(text: string, value: T): void {
    if (text.length > this.longest || this.kept.has(text)) return;
    for (const oldest of this.kept.keys()) {
      if (this.kept.size < this.most && this.chars + text.length <= this.mostChars) break;
      this.kept.delete(oldest);
      this.chars -= oldest.length;
    }
    this.kept.set(text, value);
    this.chars += text.length;
  }
}
