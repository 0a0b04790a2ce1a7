import { v7 as uuidv7 } from 'uuid';

/**
 * Ids are made in the application (never by the database) so that the same code runs on SQLite and
 * PostgreSQL. UUIDv7 sorts by creation time, which keeps B-tree inserts local, and still carries 74
 * random bits, so ids cannot be guessed.
 */
export function newId(): string {
  return uuidv7();
}
