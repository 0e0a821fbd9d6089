import { z } from 'zod';

/**
 * Quantizations the catalog may offer, with the average bits each weight takes in the file
 * (block scales included). Used to estimate memory for a model that is not on disk yet.
 */
export const quantizationBitsPerWeight = {
  Q4_K_M: 4.85,
  Q5_K_M: 5.69,
  Q6_K: 6.56,
  Q8_0: 8.5,
  F16: 16,
} as const;

export type CatalogQuantization = keyof typeof quantizationBitsPerWeight;

const quantizationNames = Object.keys(quantizationBitsPerWeight) as [
  CatalogQuantization,
  ...CatalogQuantization[],
];

/**
 * `hf:<user>/<repo>/<path/to/file>.gguf` (optionally `#<branch>`) or an https URL ending in `.gguf`.
 * The `hf:<user>/<repo>:<quant>` short form is not allowed: it needs an API call to resolve.
 */
export const modelUriPattern = /^(hf:[\w.-]+\/[\w.-]+\/[\w./-]+\.gguf(#[\w.-]+)?|https:\/\/\S+\.gguf)$/;

/** One downloadable file of a catalog model. */
export const catalogVariantSchema = z.strictObject({
  quantization: z.enum(quantizationNames),
  uri: z.string().regex(modelUriPattern, 'must be hf:user/repo/file.gguf or an https URL to a .gguf file'),
  /** Size of the file as listed by its host, rounded; the real size comes from the server. */
  approxSizeBytes: z.number().int().positive(),
  /** Only where the publisher lists it; a download without it computes and stores the hash. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

/**
 * The shape of the model's attention, enough to estimate the KV cache without the file:
 * `layers` blocks, each caching `kvHeads × headDim` values for keys and again for values.
 */
export const catalogArchitectureSchema = z.strictObject({
  layers: z.number().int().positive(),
  kvHeads: z.number().int().positive(),
  headDim: z.number().int().positive(),
});

/** One curated model of `assets/catalog.json`. */
export const catalogEntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lower-case letters, digits, dots and dashes'),
  name: z.string().min(1),
  family: z.enum(['qwen', 'llama', 'gemma', 'phi', 'mistral', 'smollm']),
  /** Total parameter count (not billions). */
  parameters: z.number().int().positive(),
  /** The context length the model was trained for, in tokens. */
  contextLength: z.number().int().min(512),
  licence: z.string().min(1),
  licenceUrl: z.url(),
  /** One line, in our own words. */
  description: z.string().min(10).max(160),
  architecture: catalogArchitectureSchema,
  /** The quantization to offer first. */
  defaultQuantization: z.enum(quantizationNames),
  variants: z.array(catalogVariantSchema).min(1),
});

export const catalogSchema = z
  .strictObject({
    version: z.literal(1),
    models: z.array(catalogEntrySchema).min(1),
  })
  .superRefine((catalog, ctx) => {
    const seen = new Set<string>();
    for (const [index, model] of catalog.models.entries()) {
      if (seen.has(model.id))
        ctx.addIssue({ code: 'custom', path: ['models', index, 'id'], message: 'duplicate id' });
      seen.add(model.id);
      const quantizations = model.variants.map((variant) => variant.quantization);
      if (new Set(quantizations).size !== quantizations.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['models', index, 'variants'],
          message: 'duplicate quantization',
        });
      }
      if (!quantizations.includes(model.defaultQuantization)) {
        ctx.addIssue({
          code: 'custom',
          path: ['models', index, 'defaultQuantization'],
          message: 'no variant has this quantization',
        });
      }
    }
  });

export type CatalogVariant = z.infer<typeof catalogVariantSchema>;
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;
export type Catalog = z.infer<typeof catalogSchema>;
