// Shapes: a small, data-only description of API inputs and outputs, after the botocore/Smithy
// service models (`service-2.json`): structures with required members, lists, maps, strings with
// length/pattern/enum constraints, numbers with ranges, booleans and timestamps. The Query and JSON
// codecs read and write values from these descriptions, so a shape's wire form lives in one place.
// Declare shapes `as const` so that {@link ShapeValue} can type the decoded values.

/** A string member. */
export interface StringShape {
  readonly type: 'string';
  readonly min?: number;
  readonly max?: number;
  /** AWS's regular expression, matched against the whole value (Java `matches`). */
  readonly pattern?: string;
  readonly enum?: readonly string[];
}

/** An integer or long member. */
export interface NumberShape {
  readonly type: 'integer' | 'long';
  readonly min?: number;
  readonly max?: number;
}

export interface BooleanShape {
  readonly type: 'boolean';
}

/** A point in time: ISO 8601 in Query/XML, epoch seconds in JSON. */
export interface TimestampShape {
  readonly type: 'timestamp';
}

/** A list: `Name.member.N` in Query input, `<Name><member>` in XML output. */
export interface ListShape {
  readonly type: 'list';
  readonly member: Shape;
  readonly min?: number;
  readonly max?: number;
  /** Flattened lists repeat the element name instead of wrapping (`Name.N`, `<Name>...</Name><Name>`). */
  readonly flattened?: boolean;
  /** Element name in XML and Query when not `member`. */
  readonly memberName?: string;
}

/** A map: `Name.entry.N.key`/`.value` in Query input, `<entry><key>/<value>` in XML output. */
export interface MapShape {
  readonly type: 'map';
  readonly key: StringShape;
  readonly value: Shape;
  readonly min?: number;
  readonly max?: number;
  readonly keyName?: string;
  readonly valueName?: string;
}

/** A structure: named members, some required. Member names are the wire names. */
export interface StructureShape {
  readonly type: 'structure';
  readonly members: Readonly<Record<string, Shape>>;
  readonly required?: readonly string[];
}

export type Shape = StringShape | NumberShape | BooleanShape | TimestampShape | ListShape | MapShape | StructureShape;

/** The TypeScript type of a value of a shape (declared `as const`; a shape not known statically gives `unknown`). */
export type ShapeValue<S> = Shape extends S ? unknown : ShapeValueOf<S>;

type ShapeValueOf<S> = S extends { readonly type: 'string' }
  ? S extends { readonly enum: readonly (infer E)[] }
    ? E
    : string
  : S extends { readonly type: 'integer' | 'long' }
    ? number
    : S extends { readonly type: 'boolean' }
      ? boolean
      : S extends { readonly type: 'timestamp' }
        ? Date
        : S extends { readonly type: 'list'; readonly member: infer M }
          ? ShapeValue<M>[]
          : S extends { readonly type: 'map'; readonly value: infer V }
            ? Record<string, ShapeValue<V>>
            : S extends { readonly type: 'structure'; readonly members: infer M }
              ? StructureValue<M, S extends { readonly required: readonly (infer R)[] } ? R : never>
              : never;

type StructureValue<M, R> = {
  -readonly [K in keyof M as K extends R ? K : never]: ShapeValue<M[K]>;
} & {
  -readonly [K in keyof M as K extends R ? never : K]?: ShapeValue<M[K]> | undefined;
};
