import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has defaults that run on a fresh machine: port 3000, SQLite under ./data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe('sqlite');
    expect(config.database.kind === 'sqlite' && config.database.file.endsWith('/data/casedesk.sqlite')).toBe(
      true,
    );
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.secureCookies).toBe(false);
    expect(config.signIn).toEqual({
      accountMaxFailures: 5,
      accountLockMs: 15 * 60_000,
      clientMaxFailures: 20,
      clientWindowMs: 60_000,
    });
  });

  it('selects PostgreSQL for a postgres:// URL and secure cookies for an https public URL', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@h:5432/db',
      CASEDESK_PUBLIC_URL: 'https://cases.example.org/',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@h:5432/db' });
    expect(config.publicUrl).toBe('https://cases.example.org');
    expect(config.secureCookies).toBe(true);
  });

  it('names every wrong variable', () => {
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT');
      expect(message).toContain('LOG_LEVEL');
      expect(message).toContain('DATABASE_URL');
    }
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });
});
