// The manifests in deploy/agent/ are checked against the code: the DaemonSet's arguments are a valid
// configuration, its preStop hook deletes exactly the rules the agent installs, and RBAC grants what the
// agent calls.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseAgentConfig } from './config/agent-config.ts';
import { parseAgentFlags } from './config/agent-flags.ts';
import { dnatRules } from './iptables/metadata-dnat.ts';

const DIR = resolve(import.meta.dirname, '../../../deploy/agent');
// Parsed YAML, read loosely: the assertions say what must be there.
type Obj = Record<string, any>;
const load = (file: string): Obj[] => parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((d) => d.toJS() as Obj);

describe('deploy/agent: the DaemonSet (seed 003 modernised)', () => {
  const [ds] = load('daemonset.yaml');
  const spec = ds?.['spec']?.['template']?.['spec'] as Obj;
  const container = spec['containers'][0] as Obj;

  it('is apps/v1, on the host network, tolerates every taint, node-critical', () => {
    expect(ds?.['apiVersion']).toBe('apps/v1');
    expect(ds?.['kind']).toBe('DaemonSet');
    expect(spec['hostNetwork']).toBe(true);
    expect(spec['dnsPolicy']).toBe('ClusterFirstWithHostNet');
    expect(spec['tolerations']).toEqual([{ operator: 'Exists' }]);
    expect(spec['priorityClassName']).toBe('system-node-critical');
  });

  it('is not privileged: only NET_ADMIN and NET_RAW for iptables', () => {
    const sc = container['securityContext'] as Obj;
    expect(sc['privileged']).toBe(false);
    expect(sc['allowPrivilegeEscalation']).toBe(false);
    expect(sc['capabilities']).toEqual({ drop: ['ALL'], add: ['NET_ADMIN', 'NET_RAW'] });
  });

  it('has arguments the agent accepts, with probes on its ports and resources', () => {
    const args = (container['args'] as string[]).slice(1).map((a) => a.replace('$(NODE_NAME)', 'ip-10-0-1-23.ec2.internal').replace('$(HOST_IP)', '10.0.1.23'));
    expect(container['args'][0]).toBe('agent');
    const flags = parseAgentFlags(args);
    if (!flags.ok) throw new Error(flags.message);
    const parsed = parseAgentConfig(flags.values, new Map());
    if (!parsed.ok) throw new Error(parsed.messages.join('; '));
    expect(parsed.config.iptables?.hostInterface).toBe('eni+');
    expect(container['readinessProbe']['httpGet']).toMatchObject({ path: '/healthz', port: 'metrics' });
    const ports = Object.fromEntries((container['ports'] as Obj[]).map((p) => [p['name'], p['containerPort']]));
    expect(ports).toEqual({ http: parsed.config.appPort, metrics: parsed.config.metricsPort });
    expect(container['resources']['requests']).toBeDefined();
    expect(container['resources']['limits']['memory']).toBeDefined();
  });

  it('preStop deletes exactly the rules the agent installs', () => {
    const script = (container['lifecycle']['preStop']['exec']['command'] as string[])[2] ?? '';
    const deletes = script.split(';').map((s) => s.replace('|| true', '').trim()).filter((s) => s !== '');
    const expected = dnatRules({ metadataAddress: '169.254.169.254', hostInterface: 'eni+', hostIp: '${HOST_IP}', appPort: 8181, containerCredentialsIp: '169.254.170.23' }).map((spec) =>
      ['iptables', '-w', spec[0] ?? '', spec[1] ?? '', '-D', ...spec.slice(2)].map((a) => (a.includes(' ') || a.includes('$') ? `"${a}"` : a)).join(' '),
    );
    expect(deletes.map((d) => d.replace(/\s+/g, ' '))).toEqual(expected);
  });
});

describe('deploy/agent: RBAC', () => {
  const docs = load('rbac.yaml');
  it('reads pods, namespaces and service accounts, and may create TokenReviews', () => {
    const role = docs.find((d) => d['kind'] === 'ClusterRole');
    expect(role?.['rules']).toEqual([{ apiGroups: [''], resources: ['pods', 'namespaces', 'serviceaccounts'], verbs: ['get', 'list', 'watch'] }]);
    const bindings = docs.filter((d) => d['kind'] === 'ClusterRoleBinding').map((d) => d['roleRef']['name']);
    expect(bindings.sort()).toEqual(['podiam-agent', 'system:auth-delegator']);
    expect(docs.find((d) => d['kind'] === 'ServiceAccount')?.['metadata']).toEqual({ name: 'podiam-agent', namespace: 'podiam-system' });
  });
});
