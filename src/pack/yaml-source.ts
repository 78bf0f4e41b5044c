import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** A parsed YAML file that can tell the line of any path inside it. */
export class YamlSource {
  readonly file: string;
  readonly value: unknown;
  readonly errors: readonly { readonly line: number; readonly message: string }[];
  private readonly document: Document;
  private readonly lines: LineCounter;

  constructor(file: string, text: string) {
    this.file = file;
    this.lines = new LineCounter();
    this.document = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    this.errors = this.document.errors.map((error) => ({
      line: this.lines.linePos(error.pos[0]).line,
      message: error.message.split('\n')[0] ?? error.message,
    }));
    this.value = this.errors.length === 0 ? this.document.toJS() : undefined;
  }

  /**
   * The 1-based line of the deepest node on `path` that exists: for a map entry the
   * line of its key, so a missing field is reported where its parent starts.
   */
  lineOf(path: readonly (string | number)[]): number {
    let node: unknown = this.document.contents;
    let offset = (this.document.contents as Node | null)?.range?.[0] ?? 0;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)] as Node | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else break;
    }
    return this.lines.linePos(offset).line;
  }
}
