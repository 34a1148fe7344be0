/** Typed arrays that grow by doubling: one flat array per field instead of an object per entry. */
type TypedArray = Int32Array | Uint32Array | Float64Array | Uint8Array;
type Ctor<T extends TypedArray> = new (length: number) => T;

export class Growable<T extends TypedArray> {
  array: T;
  length = 0;

  constructor(
    private readonly ctor: Ctor<T>,
    capacity = 1024,
  ) {
    this.array = new ctor(capacity);
  }

  push(value: number): number {
    if (this.length === this.array.length) {
      const bigger = new this.ctor(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length] = value;
    return this.length++;
  }

  /** The filled part, trimmed to its length (copies once, when parsing is done). */
  trimmed(): T {
    return this.array.slice(0, this.length) as T;
  }
}
