export type {
  BooleanShape,
  ListShape,
  MapShape,
  NumberShape,
  Shape,
  ShapeValue,
  StringShape,
  StructureShape,
  TimestampShape,
} from './shape.ts';
export { checkConstraints, elementPath, memberPath, renderValue } from './constraints.ts';
