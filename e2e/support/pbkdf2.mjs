// An independent check of ProGet's password hashing, with Node's own crypto
// (not the project's Rust code): PBKDF2-HMAC-SHA1, 10,000 iterations, a
// 20-byte key, base64 (standard alphabet, padded) in `passwordBytes`, the
// salt in `saltBytes`.
//
//   const saved = JSON.parse(downloadedText);
//   assert.ok(passwordMatches('MySecurePassword!', saved.users[1]));

import { pbkdf2Sync } from 'node:crypto';

export const ITERATIONS = 10_000;
export const KEY_BYTES = 20;
export const SALT_BYTES = 10;

/** The base64 `passwordBytes` ProGet stores for `password` with the base64 salt `saltBytes`. */
export function hashPassword(password, saltBytes) {
  const salt = Buffer.from(saltBytes, 'base64');
  return pbkdf2Sync(Buffer.from(password, 'utf8'), salt, ITERATIONS, KEY_BYTES, 'sha1').toString('base64');
}

/**
 * Whether `user` (an object from a file's `users` array) has a hash of `password`.
 * False when the user has no `passwordBytes`/`saltBytes` or the salt is not 10 bytes.
 */
export function passwordMatches(password, user) {
  if (typeof user?.passwordBytes !== 'string' || typeof user?.saltBytes !== 'string') return false;
  if (Buffer.from(user.saltBytes, 'base64').length !== SALT_BYTES) return false;
  return hashPassword(password, user.saltBytes) === user.passwordBytes;
}
