import { getLlama, type Llama, LlamaLogLevel, type LlamaModel } from 'node-llama-cpp';
import { createApiLogitsSource } from './api/apiLogitsSource.js';
import { chooseSchedule, type ScheduleChoice, scheduleKey } from './ffi/decodeSchedule.js';
import { createFfiLogitsSource, type FfiLogitsSource } from './ffi/ffiLogitsSource.js';
import { chooseLogitsSource, defaultFfiCacheDir } from './ffi/gate.js';
import { type GenerateHooks, type GeneratorModel, generate } from './generator.js';
import type { LogitsSource } from './logitsSource.js';
import { checkModelFile, unreadableModelError } from './modelFile.js';
import { createPromptBuilder } from './prompt/promptBuilder.js';
import type { GenerateRequest, GenerationStats, LoadedModelInfo, LoadModelOptions } from './types.js';

/** A model ready to generate: everything the decoding worker holds between requests. */
export type LoadedEngine = {
  info: LoadedModelInfo;
  llama: Llama;
  model: LlamaModel;
  /** The scores behind every step: exposed for benchmarks that time a decode step alone. */
  source: LogitsSource;
  generate(request: GenerateRequest, hooks?: GenerateHooks): Promise<GenerationStats>;
  dispose(): Promise<void>;
};

const DEFAULT_CONTEXT = 4096;

/** One Llama instance per thread: node-llama-cpp binds its native binary once. */
let llamaInstance: Promise<Llama> | null = null;
export function sharedLlama(threads: number): Promise<Llama> {
  // maxThreads caps every context; the contexts below also pass their own explicit count because
  // node-llama-cpp's default (max(cores, 4)) is many times slower on a busy 2-core machine.
  llamaInstance ??= getLlama({
    gpu: 'auto',
    build: 'never',
    maxThreads: Math.max(threads, 1),
    progressLogs: false,
    logLevel: LlamaLogLevel.error,
  });
  return llamaInstance;
}

export async function loadEngine(
  options: LoadModelOptions,
  onProgress?: (fraction: number) => void,
): Promise<LoadedEngine> {
  const started = performance.now();
  await checkModelFile(options.path);
  const llama = await sharedLlama(options.threads);
  const choice = await chooseLogitsSource({ gpu: llama.gpu });
  // With the fast path, libllama holds the weights and node-llama-cpp only the vocabulary (chat
  // template, tokenizer): the weights are mapped once.
  let model: LlamaModel;
  try {
    model = await llama.loadModel({
      modelPath: options.path,
      gpuLayers: options.gpuLayers ?? 'auto',
      vocabOnly: choice.kind === 'ffi',
      onLoadProgress: onProgress,
    });
  } catch (error) {
    throw unreadableModelError(options.path, error);
  }
  // A vocabulary-only load reports no training context; the file's metadata always has it.
  const trainContextSize = model.fileInsights.trainContextSize ?? DEFAULT_CONTEXT;
  const contextSize = Math.min(options.contextSize ?? DEFAULT_CONTEXT, trainContextSize);
  let source: LogitsSource;
  try {
    source =
      choice.kind === 'ffi'
        ? await createFfiLogitsSource(choice.runtime, {
            modelPath: options.path,
            threads: options.threads,
            contextSize,
            gpuLayers: model.gpuLayers,
            flashAttention: 'auto',
            // Copies cost ~0.1 ms a step even at 152k tokens; they keep every score the generator
            // holds valid whatever llama.cpp later does with its output buffer.
            copyLogits: true,
          }).catch((error: unknown) => {
            throw unreadableModelError(options.path, error);
          })
        : createApiLogitsSource(
            await model.createContext({
              sequences: 2,
              contextSize,
              threads: options.threads,
              flashAttention: 'auto',
            }),
            vocabularySize(model),
          );
  } catch (error) {
    await model.dispose();
    throw error;
  }

  const generatorModel = generatorModelFor(model);
  let decodeSchedule: ScheduleChoice | null = null;
  if (source.kind === 'ffi' && choice.kind === 'ffi') {
    const ffi = source as FfiLogitsSource;
    if (options.schedule && options.schedule !== 'auto') ffi.schedule = options.schedule;
    else {
      const prompt = generatorModel.promptBuilder.build('You are a helpful assistant.', [
        { role: 'user', text: 'Hello! How are you today?' },
      ]).tokens;
      const key = scheduleKey({
        modelPath: options.path,
        libraryPath: choice.runtime.libraryPath,
        backend: String(llama.gpu || 'cpu'),
        threads: options.threads,
        gpuLayers: model.gpuLayers,
      });
      decodeSchedule = await chooseSchedule(ffi, prompt, key, defaultFfiCacheDir());
      ffi.schedule = decodeSchedule.schedule;
    }
  }
  // node-llama-cpp reports progress for weights it loads itself; the FFI load is one step, so
  // the end is always reported.
  onProgress?.(1);
  const info: LoadedModelInfo = {
    path: options.path,
    name: model.fileInfo.metadata.general?.name ?? options.path.split(/[\\/]/).pop() ?? options.path,
    architecture: String(model.fileInfo.metadata.general?.architecture ?? 'unknown'),
    vocabSize: source.vocabSize,
    contextSize: source.contextSize,
    trainContextSize,
    hasChatTemplate: generatorModel.promptBuilder.usesModelTemplate,
    logitsSource: source.kind,
    logitsSourceReason: choice.reason,
    decodeSchedule:
      source.kind === 'ffi'
        ? (decodeSchedule ?? { schedule: (source as FfiLogitsSource).schedule, timings: [], cached: false })
        : null,
    threads: options.threads,
    loadMs: performance.now() - started,
  };

  // One generation at a time per loaded model: the two sequences are shared state.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    info,
    llama,
    model,
    source,
    generate(request, hooks) {
      const run = queue.then(() => generate(generatorModel, source, request, hooks));
      queue = run.catch(() => undefined);
      return run;
    },
    async dispose() {
      await queue;
      await source.dispose();
      await model.dispose();
    },
  };
}

/** Scores are indexed by token id, so the vector length is the number of vocabulary entries. */
function vocabularySize(model: LlamaModel): number {
  const tokens = model.fileInfo.metadata.tokenizer?.ggml?.tokens;
  if (!Array.isArray(tokens) || tokens.length === 0) throw new Error('the model file lists no vocabulary');
  return tokens.length;
}

/** What the generator needs from a node-llama-cpp model: its prompts, end tokens and text. */
export function generatorModelFor(model: LlamaModel): GeneratorModel {
  return {
    promptBuilder: createPromptBuilder(model),
    isEndOfGeneration: (token) => model.isEogToken(token as never),
    detokenize: (tokens) => model.detokenize(tokens as never, false),
  };
}
