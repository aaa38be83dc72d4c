import { describe, expect, it } from 'vitest';
import { configFromEnv, configFromFlags, listenAddress, parseServeConfig } from './config.ts';

// The contract for `podiam serve`: --listen 127.0.0.1:4577 and --data-dir ./.podiam by default,
// flags over PODIAM_* variables over defaults, and a bad setting named with one message.
describe('podiam serve configuration: defaults, precedence and one message per bad setting', () => {
  it('defaults to 127.0.0.1:4577, ./.podiam and account 123456789012', () => {
    const parsed = parseServeConfig({});
    expect(parsed).toMatchObject({ ok: true, config: { listen: '127.0.0.1:4577', dataDir: './.podiam', accountId: '123456789012' } });
  });

  it('flags win over the environment, which wins over defaults', () => {
    const raw = { ...configFromEnv({ PODIAM_LISTEN: '127.0.0.2:5000', PODIAM_DATA_DIR: '/env' }), ...configFromFlags({ 'data-dir': '/flag' }) };
    const parsed = parseServeConfig(raw);
    expect(parsed).toMatchObject({ ok: true, config: { listen: '127.0.0.2:5000', dataDir: '/flag' } });
    if (parsed.ok) expect(listenAddress(parsed.config)).toEqual({ host: '127.0.0.2', port: 5000 });
    const v6 = parseServeConfig({ listen: '[::1]:4577' });
    if (!v6.ok) throw new Error(v6.messages.join());
    expect(listenAddress(v6.config)).toEqual({ host: '::1', port: 4577 });
  });

  it('a malformed listen address gets one message, a port out of range another', () => {
    expect(parseServeConfig({ listen: 'nonsense' })).toEqual({ ok: false, messages: ['listen: must be HOST:PORT, e.g. 127.0.0.1:4577'] });
    expect(parseServeConfig({ listen: '127.0.0.1:99999' })).toEqual({ ok: false, messages: ['listen: port must be at most 65535'] });
  });

  it('the administrator key and secret come together or not at all', () => {
    expect(parseServeConfig({ adminAccessKeyId: 'AKIAPODIAMEXAMPLE001' })).toEqual({
      ok: false,
      messages: ['PODIAM_ADMIN_ACCESS_KEY_ID and PODIAM_ADMIN_SECRET_ACCESS_KEY must be set together'],
    });
  });
});
