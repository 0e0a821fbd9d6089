import { UserError } from '../../shared/errors.js';

/** Where a model URI points: the URL to fetch and the file name to save it under. */
export type ResolvedModelUri = { url: string; fileName: string };

const huggingFaceHost = 'https://huggingface.co';

/**
 * Turns `hf:<user>/<repo>/<path>.gguf[#branch]` or an http(s) URL into a URL and a safe file
 * name. The `hf:<user>/<repo>:<quant>` short form is refused: resolving it needs the Hugging Face
 * API, and the catalog always names the exact file.
 */
export function resolveModelUri(uri: string): ResolvedModelUri {
  if (uri.startsWith('hf:')) return resolveHuggingFace(uri);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new UserError(
      'bad-uri',
      `'${uri}' is not a model URI. Use hf:user/repo/file.gguf or an http(s) URL.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserError(
      'bad-uri',
      `'${uri}' uses ${url.protocol} — only http(s) and hf: URIs can be downloaded.`,
    );
  }
  return {
    url: url.href,
    fileName: safeFileName(decodeURIComponent(url.pathname.split('/').pop() ?? ''), uri),
  };
}

function resolveHuggingFace(uri: string): ResolvedModelUri {
  const [location = '', branch = 'main'] = uri.slice('hf:'.length).split('#');
  const [user, repo, ...path] = location.split('/');
  if (!user || !repo || path.length === 0 || !location.endsWith('.gguf')) {
    throw new UserError(
      'bad-uri',
      `'${uri}' must name the file: hf:<user>/<repo>/<file>.gguf (the hf:<user>/<repo>:<quant> short form is not supported).`,
    );
  }
  const encodedPath = path.map(encodeURIComponent).join('/');
  return {
    url: `${huggingFaceHost}/${encodeURIComponent(user)}/${encodeURIComponent(repo)}/resolve/${encodeURIComponent(branch)}/${encodedPath}`,
    fileName: safeFileName(path[path.length - 1] ?? '', uri),
  };
}

/** Keeps the name to characters that are safe on every file system; refuses names that are not GGUF files. */
function safeFileName(name: string, uri: string): string {
  const cleaned = name.replace(/[^\w.-]/g, '_');
  if (!cleaned.toLowerCase().endsWith('.gguf') || cleaned.startsWith('.')) {
    throw new UserError('bad-uri', `'${uri}' does not end in a .gguf file name.`);
  }
  return cleaned;
}
