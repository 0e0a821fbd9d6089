#!/usr/bin/env node
// Writes main/engine/ffi/layout.generated.json: the sizes, field offsets and default values of the
// llama.cpp structs that the FFI fast path passes by value, measured by a C compiler against the exact
// llama.h that node-llama-cpp's binaries were built from (its bundled git release), and the defaults
// read from the very shared library node-llama-cpp loads. Run it after every node-llama-cpp upgrade:
//   npm run ffi:layout
// `--check` compares instead of writing and exits 1 if the committed table is stale.
// Needs git and a C compiler (`cc`, or set CC). Linux and macOS.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const packageDir = join(root, 'node_modules', 'node-llama-cpp');
const outputPath = join(root, 'main', 'engine', 'ffi', 'layout.generated.json');

/** The structs the fast path builds; `defaults` names the function returning their default values. */
const structs = [
  { name: 'llama_model_params', defaults: 'llama_model_default_params' },
  { name: 'llama_context_params', defaults: 'llama_context_default_params' },
  { name: 'llama_batch', defaults: null },
  // Passed by pointer, not by value; in the table so `llama_model_quantize` (benchmarks) is safe too.
  { name: 'llama_model_quantize_params', defaults: 'llama_model_quantize_default_params' },
];

/** C scalar types → the kind the runtime maps to a koffi type. Enums are `enum`; pointers `pointer`. */
const scalarKinds = {
  bool: 'bool',
  int8_t: 'i8',
  uint8_t: 'u8',
  int32_t: 'i32',
  uint32_t: 'u32',
  int64_t: 'i64',
  uint64_t: 'u64',
  int: 'i32',
  float: 'f32',
  double: 'f64',
  size_t: 'usize',
  llama_token: 'i32',
  llama_pos: 'i32',
  llama_seq_id: 'i32',
};

function main() {
  const work = mkdtempSync(join(tmpdir(), 'rose-ffi-layout-'));
  try {
    const source = join(work, 'llama.cpp');
    execFileSync('git', ['clone', '--quiet', join(packageDir, 'llama', 'gitRelease.bundle'), source], {
      stdio: 'pipe',
    });
    const commit = execFileSync('git', ['-C', source, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const headers = readHeaders(source);
    const parsed = structs.map((s) => ({
      ...s,
      fields: parseStructFields(headers.llama, s.name, headers.all),
    }));
    const library = findLoadedLibrary(work);
    const measured = compileAndRun(work, source, parsed, library);
    const release = JSON.parse(
      readFileSync(join(packageDir, 'llama', 'binariesGithubRelease.json'), 'utf8'),
    ).release;
    const table = {
      generatedBy: 'scripts/ffi/generate-layout.mjs (npm run ffi:layout)',
      nodeLlamaCpp: JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version,
      llamaCppRelease: release,
      llamaCppCommit: commit,
      measuredOn: `${process.platform}-${process.arch}`,
      measuredLibrary: basename(library),
      pointerSize: measured.pointerSize,
      structs: Object.fromEntries(
        parsed.map((s) => {
          const m = measured.structs[s.name];
          return [
            s.name,
            {
              size: m.size,
              align: m.align,
              fields: s.fields.map((f) => ({ ...f, offset: m.offsets[f.name], size: m.sizes[f.name] })),
              ...(s.defaults ? { defaultsFunction: s.defaults, defaults: m.defaults } : {}),
            },
          ];
        }),
      ),
    };
    const text = `${JSON.stringify(table, null, 2)}\n`;
    if (process.argv.includes('--check')) {
      const same = readFileSync(outputPath, 'utf8') === text;
      process.stdout.write(
        same ? 'layout table is up to date\n' : `layout table is stale: run npm run ffi:layout\n`,
      );
      process.exitCode = same ? 0 : 1;
      return;
    }
    writeFileSync(outputPath, text);
    process.stdout.write(
      `wrote ${outputPath} (node-llama-cpp ${table.nodeLlamaCpp}, llama.cpp ${release})\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function readHeaders(source) {
  const ggmlDir = join(source, 'ggml', 'include');
  const ggml = readdirSync(ggmlDir)
    .filter((f) => f.endsWith('.h'))
    .map((f) => readFileSync(join(ggmlDir, f), 'utf8'));
  const llama = stripComments(readFileSync(join(source, 'include', 'llama.h'), 'utf8'));
  return { llama, all: [llama, ...ggml.map(stripComments)].join('\n') };
}

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}

/** Fields of `struct name { ... }` in declaration order, each with its C type and kind. */
function parseStructFields(llamaHeader, name, allHeaders) {
  const match = new RegExp(`struct\\s+${name}\\s*\\{([^{}]*)\\}`).exec(llamaHeader);
  if (!match) throw new Error(`struct ${name} not found in llama.h`);
  return match[1]
    .split(';')
    .map((declaration) => declaration.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((declaration) => {
      if (declaration.includes(',') || declaration.includes('[') || declaration.includes('(')) {
        throw new Error(`${name}: cannot read the declaration '${declaration}'; extend the generator`);
      }
      const nameMatch = /^(.*?)\s*\b([A-Za-z_]\w*)$/.exec(declaration);
      const cType = nameMatch[1].trim();
      return { name: nameMatch[2], cType, kind: kindOf(cType, allHeaders, name) };
    });
}

function kindOf(cType, allHeaders, structName) {
  if (cType.includes('*')) return 'pointer';
  const bare = cType.replace(/^const\s+/, '');
  if (bare.startsWith('enum ')) return 'enum';
  if (scalarKinds[bare]) return scalarKinds[bare];
  // A typedef of a function pointer or of a struct pointer is still a pointer.
  const pointerTypedef = new RegExp(
    `typedef[^;]*\\(\\s*\\*\\s*${bare}\\s*\\)|typedef\\s+struct\\s+\\w+\\s*\\*\\s*${bare}\\s*;`,
  );
  if (pointerTypedef.test(allHeaders)) return 'pointer';
  throw new Error(`${structName}: unknown C type '${cType}'; add it to scalarKinds in the generator`);
}

/** The llama shared library that node-llama-cpp loads on this machine (CPU build: same header). */
function findLoadedLibrary(work) {
  // A script file, not `node -e`: node-llama-cpp forks a binary test that inherits execArgv.
  const entry = pathToFileURL(join(packageDir, 'dist', 'index.js')).href;
  const probe = join(work, 'probe.mjs');
  writeFileSync(
    probe,
    `const { getLlama } = await import(${JSON.stringify(entry)});
    const llama = await getLlama({ gpu: false, maxThreads: 1, build: 'never', progressLogs: false, logLevel: 'error' });
    const pattern = /^(lib)?llama(\\.[A-Za-z0-9_]+)*\\.(so|dylib|dll)$/;
    const found = process.report.getReport().sharedObjects.find((p) => pattern.test(p.split(/[\\\\/]/).pop()));
    process.stdout.write(found ?? '');
    await llama.dispose();\n`,
  );
  const found = execFileSync(process.execPath, [probe], { cwd: root, encoding: 'utf8' }).trim();
  if (!found) throw new Error('node-llama-cpp loaded no llama shared library that could be recognised');
  return found;
}

function cPrint(kind, expression) {
  switch (kind) {
    case 'pointer':
      return `printf("%s", (${expression}) ? "\\"non-null\\"" : "null")`;
    case 'bool':
      return `printf("%s", (${expression}) ? "true" : "false")`;
    case 'f32':
    case 'f64':
      return `print_float((double)(${expression}))`;
    case 'u8':
    case 'u32':
    case 'u64':
    case 'usize':
      return `printf("%llu", (unsigned long long)(${expression}))`;
    default:
      return `printf("%lld", (long long)(${expression}))`;
  }
}

/** Compiles a C program that prints the layout (and defaults) as JSON, and runs it. */
function compileAndRun(work, source, parsed, library) {
  const lines = [
    '#include "llama.h"',
    '#include <dlfcn.h>',
    '#include <math.h>',
    '#include <stdalign.h>',
    '#include <stddef.h>',
    '#include <stdio.h>',
    'static void print_float(double v) { if (isnan(v)) printf("\\"NaN\\""); else if (isinf(v)) printf(v > 0 ? "\\"Infinity\\"" : "\\"-Infinity\\""); else printf("%.9g", v); }',
    'int main(int argc, char **argv) {',
    '  (void)argc;',
    '  void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);',
    '  if (!lib) { fprintf(stderr, "dlopen: %s\\n", dlerror()); return 1; }',
    '  printf("{\\"pointerSize\\": %zu, \\"structs\\": {", sizeof(void *));',
  ];
  parsed.forEach((s, i) => {
    const comma = i > 0 ? ',' : '';
    lines.push(
      `  printf("${comma}\\"${s.name}\\": {\\"size\\": %zu, \\"align\\": %zu", sizeof(struct ${s.name}), alignof(struct ${s.name}));`,
    );
    for (const key of ['offsets', 'sizes']) {
      lines.push(`  printf(", \\"${key}\\": {");`);
      s.fields.forEach((f, j) => {
        const value =
          key === 'offsets'
            ? `offsetof(struct ${s.name}, ${f.name})`
            : `sizeof(((struct ${s.name} *)0)->${f.name})`;
        lines.push(`  printf("${j > 0 ? ',' : ''}\\"${f.name}\\": %zu", ${value});`);
      });
      lines.push('  printf("}");');
    }
    if (s.defaults) {
      lines.push('  {');
      lines.push(
        `    struct ${s.name} (*fn)(void) = (struct ${s.name} (*)(void))dlsym(lib, "${s.defaults}");`,
      );
      lines.push(`    if (!fn) { fprintf(stderr, "missing ${s.defaults}\\n"); return 1; }`);
      lines.push(`    struct ${s.name} d = fn();`);
      lines.push('    printf(", \\"defaults\\": {");');
      s.fields.forEach((f, j) => {
        lines.push(`    printf("${j > 0 ? ',' : ''}\\"${f.name}\\": "); ${cPrint(f.kind, `d.${f.name}`)};`);
      });
      lines.push('    printf("}");');
      lines.push('  }');
    }
    lines.push('  printf("}");');
  });
  lines.push('  printf("}}\\n");', '  return 0;', '}');
  const program = join(work, 'layout.c');
  writeFileSync(program, `${lines.join('\n')}\n`);
  const binary = join(work, 'layout');
  const includes = ['include', join('ggml', 'include')].map((dir) => `-I${join(source, dir)}`);
  execFileSync(
    process.env.CC ?? 'cc',
    ['-std=c11', '-O0', ...includes, program, '-o', binary, '-ldl', '-lm'],
    { stdio: 'inherit' },
  );
  return JSON.parse(execFileSync(binary, [library], { encoding: 'utf8' }));
}

main();
