import type { LibraryHandle } from 'koffi';
import type { Koffi } from './koffiStructs.js';
import type { DefaultValue, FieldLayout, LayoutTable, LlamaStructName } from './layoutTable.js';

/** Room past the expected struct size: a library whose struct grew writes here, not over memory. */
const SLACK_BYTES = 1024;
const FILL_BYTE = 0x7f;

/**
 * Calls a `llama_*_default_params` function declared with a return buffer much larger than the
 * table says the struct is, then checks that (a) every field read at the table's offsets holds the
 * default the table recorded, and (b) nothing was written past the table's size. Just before the
 * call, koffi's call memory is filled with a marker by passing a long string to a harmless lookup
 * (`ggml_backend_reg_by_name`), so bytes the library did not write keep the marker.
 * Returns the problems found; empty means the library agrees with the table.
 */
export function defaultsMismatches(
  koffi: Koffi,
  lib: LibraryHandle,
  table: LayoutTable,
  struct: LlamaStructName,
): string[] {
  const layout = table.structs[struct];
  if (!layout.defaultsFunction || !layout.defaults) return [];
  const oversized = koffi.struct({
    head: [layout.align, koffi.array('uint8_t', layout.size, 'Typed')],
    tail: koffi.array('uint8_t', SLACK_BYTES, 'Typed'),
  });
  const call = lib.func(layout.defaultsFunction, oversized, []);
  const fill = markerFiller(lib);
  fill?.();
  const result = call() as { head: Uint8Array; tail: Uint8Array };
  const problems: string[] = [];
  // Bytes the library wrote past the struct's end in the table. If none of the marker survived,
  // the marker did not reach the return buffer on this platform (no struct grows by a whole
  // SLACK_BYTES), so only this part of the check is skipped.
  const writtenPast = result.tail.findLastIndex((byte) => byte !== FILL_BYTE) + 1;
  if (fill && writtenPast > 0 && writtenPast < SLACK_BYTES) {
    problems.push(`${layout.defaultsFunction} wrote past the ${layout.size} bytes of ${struct} in the table`);
  }
  const view = new DataView(result.head.buffer, result.head.byteOffset, result.head.byteLength);
  for (const field of layout.fields) {
    const expected = layout.defaults[field.name];
    if (expected === undefined) continue;
    const actual = readField(view, field);
    if (!sameDefault(actual, expected, field)) {
      problems.push(
        `${struct}.${field.name}: default ${String(actual)} in the library, ${String(expected)} in the table`,
      );
    }
  }
  return problems;
}

function markerFiller(lib: LibraryHandle): (() => void) | undefined {
  try {
    const lookup = lib.func('ggml_backend_reg_by_name', 'void *', ['const char *']);
    const marker = String.fromCharCode(FILL_BYTE).repeat(SLACK_BYTES * 4);
    return () => lookup(marker);
  } catch {
    // Without the lookup (a platform where ggml's symbols are not reachable through libllama) the
    // field-by-field fingerprint still runs; only the overflow check is skipped.
    return undefined;
  }
}

function readField(view: DataView, field: FieldLayout): DefaultValue {
  const at = field.offset;
  switch (field.kind) {
    case 'pointer':
      return (field.size === 8 ? view.getBigUint64(at, true) !== 0n : view.getUint32(at, true) !== 0)
        ? 'non-null'
        : null;
    case 'bool':
      return view.getUint8(at) !== 0;
    case 'i8':
      return view.getInt8(at);
    case 'u8':
      return view.getUint8(at);
    case 'enum':
    case 'i32':
      return view.getInt32(at, true);
    case 'u32':
      return view.getUint32(at, true);
    case 'f32':
      return view.getFloat32(at, true);
    case 'f64':
      return view.getFloat64(at, true);
    case 'i64':
      return Number(view.getBigInt64(at, true));
    case 'u64':
    case 'usize':
      return field.size === 8 ? Number(view.getBigUint64(at, true)) : view.getUint32(at, true);
  }
}

function sameDefault(actual: DefaultValue, expected: DefaultValue, field: FieldLayout): boolean {
  if (field.kind === 'f32' || field.kind === 'f64') {
    const want = expected === 'NaN' ? Number.NaN : Number(expected);
    const got = actual as number;
    if (Number.isNaN(want)) return Number.isNaN(got);
    return got === (field.kind === 'f32' ? Math.fround(want) : want);
  }
  return actual === expected;
}
