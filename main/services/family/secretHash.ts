import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * How parent secrets (PIN or passphrase, recovery code) are stored: scrypt with N = 2^17, r = 8,
 * p = 1 and a 16-byte salt. That needs 128 MiB, above Node's default `maxmem` of 32 MiB, so the
 * limit is raised; a guess then costs a fraction of a second and 128 MiB, which is the point.
 */
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
export const SCRYPT_MAXMEM = 256 * 1024 * 1024;
export const SALT_BYTES = 16;
const HASH_BYTES = 32;

export const secretHashSchema = z.strictObject({
  salt: z.base64(),
  hash: z.base64(),
  N: z.int().positive(),
  r: z.int().positive(),
  p: z.int().positive(),
});
export type SecretHash = z.infer<typeof secretHashSchema>;

function derive(secret: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFKC'), salt, HASH_BYTES, { ...params, maxmem: SCRYPT_MAXMEM }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashSecret(secret: string): Promise<SecretHash> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(secret, salt, SCRYPT_PARAMS);
  return { salt: salt.toString('base64'), hash: hash.toString('base64'), ...SCRYPT_PARAMS };
}

/** Constant-time check of `secret` against a stored hash (with the parameters it was made with). */
export async function secretMatches(secret: string, stored: SecretHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await derive(secret, Buffer.from(stored.salt, 'base64'), stored);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
