import type { TypeObject } from 'koffi';
import { type FieldKind, type LayoutTable, type LlamaStructName, llamaStructNames } from './layoutTable.js';

export type Koffi = typeof import('koffi').default;

/** koffi's name for each field kind. Enums are C `int` on every ABI llama.cpp ships for. */
const koffiTypeOf: Record<FieldKind, string> = {
  pointer: 'void *',
  bool: 'bool',
  enum: 'int32_t',
  i8: 'int8_t',
  u8: 'uint8_t',
  i32: 'int32_t',
  u32: 'uint32_t',
  i64: 'int64_t',
  u64: 'uint64_t',
  f32: 'float',
  f64: 'double',
  usize: 'size_t',
};

/** koffi struct types for the structs the fast path passes by value. */
export type LlamaStructTypes = Record<LlamaStructName, TypeObject>;

/**
 * Declares each struct to koffi from the table's field list and kinds. koffi then lays the fields
 * out by the platform's C rules on its own, so comparing its offsets with the compiler's (in the
 * table) proves the two agree before any struct crosses the boundary.
 */
export function buildStructTypes(koffi: Koffi, table: LayoutTable): LlamaStructTypes {
  const entries = llamaStructNames.map((name) => {
    const members = Object.fromEntries(table.structs[name].fields.map((f) => [f.name, koffiTypeOf[f.kind]]));
    return [name, koffi.struct(members)] as const;
  });
  return Object.fromEntries(entries) as LlamaStructTypes;
}

/** Every place where koffi's layout differs from the compiler's; empty when they agree. */
export function layoutMismatches(koffi: Koffi, types: LlamaStructTypes, table: LayoutTable): string[] {
  const problems: string[] = [];
  if (koffi.sizeof('void *') !== table.pointerSize) {
    problems.push(`pointer size ${koffi.sizeof('void *')} here, ${table.pointerSize} in the table`);
  }
  for (const name of llamaStructNames) {
    const layout = table.structs[name];
    const type = types[name];
    if (koffi.sizeof(type) !== layout.size)
      problems.push(`${name}: size ${koffi.sizeof(type)} vs ${layout.size}`);
    if (koffi.alignof(type) !== layout.align)
      problems.push(`${name}: alignment ${koffi.alignof(type)} vs ${layout.align}`);
    for (const field of layout.fields) {
      const offset = koffi.offsetof(type, field.name);
      if (offset !== field.offset)
        problems.push(`${name}.${field.name}: offset ${offset} vs ${field.offset}`);
      const size = koffi.sizeof(koffiTypeOf[field.kind]);
      if (size !== field.size) problems.push(`${name}.${field.name}: size ${size} vs ${field.size}`);
    }
  }
  return problems;
}
