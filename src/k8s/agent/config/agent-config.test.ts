import { describe, expect, it } from 'vitest';
import { parseAgentConfig } from './agent-config.ts';
import { flagsFromEnv, parseAgentFlags, type FlagValues } from './agent-flags.ts';
import { parseGoDuration } from './duration.ts';

function configOf(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const flags = parseAgentFlags(argv);
  if (!flags.ok) throw new Error(flags.message);
  return parseAgentConfig(flags.values, flagsFromEnv(env));
}

describe('kube2iam flags: existing DaemonSet arguments work unchanged', () => {
  it('reads the kube2iam README\'s DaemonSet arguments', () => {
    const parsed = configOf(['--app-port=8181', '--base-role-arn=arn:aws:iam::123456789012:role/', '--iptables=true', '--host-ip=$(HOST_IP)'.replace('$(HOST_IP)', '10.0.1.23'), '--host-interface=weave', '--verbose', '--node=ip-10-0-1-23.ec2.internal']);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const c = parsed.config;
    expect(c.appPort).toBe(8181);
    expect(c.metricsPort).toBe(8181);
    expect(c.rules.baseRoleArn).toBe('arn:aws:iam::123456789012:role/');
    expect(c.iptables).toEqual({ hostIp: '10.0.1.23', hostInterface: 'weave', containerCredentialsIp: '169.254.170.23' });
    expect(c.log.level).toBe('debug');
    expect(c.nodeName).toBe('ip-10-0-1-23.ec2.internal');
  });

  it('has kube2iam\'s defaults', () => {
    const parsed = configOf([]);
    if (!parsed.ok) throw new Error(parsed.messages.join());
    const c = parsed.config;
    expect(c.rules).toMatchObject({ roleKey: 'iam.amazonaws.com/role', externalIdKey: 'iam.amazonaws.com/external-id', namespaceKey: 'iam.amazonaws.com/allowed-roles', namespaceRestrictions: false, restrictionFormat: 'glob' });
    expect(c.metadata).toMatchObject({ address: '169.254.169.254', tokensRequired: false, podWaitMs: 2000 });
    expect(c.iptables).toBeUndefined();
    expect(c.log.format).toBe('text');
    expect(c.lifetime.sessionDurationSeconds).toBe(3600);
  });

  it('takes --flag value and --flag=value; booleans as --flag or --flag=true|false', () => {
    const flags = parseAgentFlags(['--default-role', 'reader', '--namespace-restrictions', '--iptables=false', '--base-role-arn=arn:aws:iam::123456789012:role']);
    expect(flags.ok && Object.fromEntries(flags.values)).toEqual({ 'default-role': 'reader', 'namespace-restrictions': true, iptables: false, 'base-role-arn': 'arn:aws:iam::123456789012:role' });
    expect(parseAgentFlags(['--iptables=maybe'])).toMatchObject({ ok: false });
    expect(parseAgentFlags(['--no-such-flag'])).toEqual({ ok: false, message: 'unknown flag --no-such-flag' });
    expect(parseAgentFlags(['--node'])).toEqual({ ok: false, message: '--node needs a value' });
  });

  it('resolves --default-role against the base ARN', () => {
    const parsed = configOf(['--base-role-arn=arn:aws:iam::123456789012:role', '--default-role=team/default']);
    expect(parsed.ok && parsed.config.rules.defaultRole?.arn).toBe('arn:aws:iam::123456789012:role/team/default');
  });

  it('kube2iam\'s --iam-role-session-ttl asks for sessions twice as long', () => {
    const parsed = configOf(['--iam-role-session-ttl=30m']);
    expect(parsed.ok && parsed.config.lifetime.sessionDurationSeconds).toBe(3600);
    const longer = configOf(['--iam-role-session-ttl=1h']);
    expect(longer.ok && longer.config.lifetime.sessionDurationSeconds).toBe(7200);
  });

  // kube2iam's README: --iam-role-session-ttl "(default 15m)", sessions of twice that; a DaemonSet that
  // spells the default out must still start.
  it('kube2iam\'s default --iam-role-session-ttl=15m starts with one-hour sessions and says so', () => {
    const parsed = configOf(['--iam-role-session-ttl=15m']);
    if (!parsed.ok) throw new Error(parsed.messages.join());
    expect(parsed.config.lifetime.sessionDurationSeconds).toBe(3600);
    expect(parsed.config.warnings.join('\n')).toMatch(/--iam-role-session-ttl: .*1800-second sessions are too short.*3600-second/);
    const plain = configOf([]);
    expect(plain.ok && plain.config.warnings).toEqual([]);
  });

  // kube2iam's README flag list includes --cache-resync-period and --resolve-duplicate-cache-ips.
  it('accepts kube2iam\'s --cache-resync-period and --resolve-duplicate-cache-ips', () => {
    const parsed = configOf(['--cache-resync-period=30m', '--resolve-duplicate-cache-ips']);
    expect(parsed.ok).toBe(true);
    expect(configOf(['--cache-resync-period=soon'])).toMatchObject({ ok: false });
  });

  // kube2iam: logrus.ParseLevel (panic, fatal, error, warn, warning, info, debug, trace, any case) and
  // strings.ToLower on --log-format and --namespace-restriction-format.
  it('reads log levels and formats as kube2iam does (logrus names, any case)', () => {
    const level = (text: string) => {
      const parsed = configOf([`--log-level=${text}`]);
      return parsed.ok ? parsed.config.log.level : parsed.messages.join();
    };
    expect([level('warning'), level('WARN'), level('trace'), level('fatal'), level('panic'), level('Info')]).toEqual(['warn', 'warn', 'debug', 'error', 'error', 'info']);
    const parsed = configOf(['--log-format=JSON', '--namespace-restriction-format=RegExp']);
    if (!parsed.ok) throw new Error(parsed.messages.join());
    expect(parsed.config.log.format).toBe('json');
    expect(parsed.config.rules.restrictionFormat).toBe('regexp');
  });
});

describe('configuration errors name the setting', () => {
  const cases: [string[], RegExp][] = [
    [['--iptables'], /--iptables needs --host-ip/],
    [['--base-role-arn=arn:aws:s3:::bucket'], /--base-role-arn: .* is not a role ARN prefix/],
    [['--default-role=reader'], /--default-role: 'reader' is neither a role ARN nor a role name/],
    [['--namespace-restriction-format=xpath'], /--namespace-restriction-format must be glob or regexp/],
    [['--app-port=99999'], /--app-port must be between 1 and 65535/],
    [['--session-duration=15m'], /--session-duration: a session of 900 seconds leaves no time/],
    [['--iam-role-session-ttl=7h'], /--iam-role-session-ttl: AssumeRole allows at most 12h/],
    [['--log-level=verbose'], /--log-level must be debug, info, warn or error/],
    [['--session-duration=13h'], /at most 12h/],
    [['--metadata-tokens=sometimes'], /--metadata-tokens must be optional or required/],
    [['--auto-discover-default-role', '--default-role=x'], /cannot be used together/],
    [['--host-ip=not-an-ip', '--iptables'], /--host-ip must be an IPv4 address/],
  ];
  for (const [argv, message] of cases) {
    it(argv.join(' '), () => {
      const parsed = configOf(argv);
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.messages.join('\n')).toMatch(message);
    });
  }
});

describe('environment: PODIAM_AGENT_<FLAG> and kube2iam manifests\' NODE_NAME / HOST_IP; flags win', () => {
  it('reads the environment under the flags', () => {
    const env: NodeJS.ProcessEnv = { PODIAM_AGENT_BASE_ROLE_ARN: 'arn:aws:iam::123456789012:role/', NODE_NAME: 'node-7', HOST_IP: '10.0.0.7', PODIAM_AGENT_IPTABLES: 'true', PODIAM_AGENT_APP_PORT: '9000' };
    const parsed = configOf(['--app-port=8181'], env);
    if (!parsed.ok) throw new Error(parsed.messages.join());
    expect(parsed.config.nodeName).toBe('node-7');
    expect(parsed.config.iptables?.hostIp).toBe('10.0.0.7');
    expect(parsed.config.appPort).toBe(8181);
    const values: FlagValues = flagsFromEnv({ AWS_REGION: 'eu-west-1' });
    expect(values.get('region')).toBe('eu-west-1');
  });
});

describe('Go durations (time.ParseDuration), as kube2iam\'s flags take them', () => {
  it('parses', () => {
    expect(parseGoDuration('15m')).toBe(900_000);
    expect(parseGoDuration('1h30m')).toBe(5_400_000);
    expect(parseGoDuration('2s')).toBe(2000);
    expect(parseGoDuration('500ms')).toBe(500);
    expect(parseGoDuration('1.5h')).toBe(5_400_000);
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('15')).toBeUndefined();
    expect(parseGoDuration('15x')).toBeUndefined();
    expect(parseGoDuration('')).toBeUndefined();
  });
});
