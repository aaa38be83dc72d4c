// A child process for the SQLite durability tests (sqlite-dialect.test.ts), run with Node 24:
//   node sqlite-writer.ts loop <file>          writes transactions until killed, printing
//                                              "committed <n>" after each commit returns
//   node sqlite-writer.ts users <file> <prefix> <count>
//                                              opens (and if need be migrates) the file, writes
//                                              <count> users one write each, then exits
import { openStore } from '../open-store.ts';
import { account, at, crashWorkload, user } from './fixtures.ts';

const { accountId: crashAccount, policiesPerCommit, eventsPerCommit } = crashWorkload;

async function loop(path: string): Promise<void> {
  const store = await openStore({ kind: 'sqlite', path });
  await store.accounts.insert(account(crashAccount));
  for (let n = 1; ; n += 1) {
    await store.transaction(async (tx) => {
      const created = await tx.users.insert(user(crashAccount, `u${n}`));
      if (!('userId' in created)) throw new Error(`user u${n} refused`);
      for (let p = 0; p < policiesPerCommit; p += 1) {
        await tx.inlinePolicies.put({
          principalId: created.userId,
          principalType: 'user',
          accountId: crashAccount,
          policyName: `p${p}`,
          document: JSON.stringify({ n, p, pad: 'x'.repeat(2000) }),
        });
      }
      await tx.auditEvents.append(
        Array.from({ length: eventsPerCommit }, (_, e) => ({
          eventId: `${n}-${e}`,
          eventTime: at(n),
          eventName: 'CreateUser',
          eventSource: 'iam.amazonaws.com',
          accountId: crashAccount,
          principalArn: undefined,
          roleArn: undefined,
          accessKeyId: undefined,
          errorCode: undefined,
          requestId: `r${n}`,
          sourceIp: '127.0.0.1',
          event: { n, e },
        })),
      );
    });
    process.stdout.write(`committed ${n}\n`);
  }
}

async function users(path: string, prefix: string, count: number): Promise<void> {
  const store = await openStore({ kind: 'sqlite', path });
  await store.accounts.insert(account(crashAccount)); // both processes try; one is refused
  for (let i = 0; i < count; i += 1) {
    const created = await store.users.insert(user(crashAccount, `${prefix}${i}`, { userId: `AIDA${prefix.toUpperCase()}${String(i).padStart(12, '0')}` }));
    if (!('userId' in created)) throw new Error(`user ${prefix}${i} refused`);
  }
  await store.close();
}

const [mode, path, ...rest] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: sqlite-writer.ts loop|users <file> …');
switch (mode) {
  case 'loop':
    await loop(path);
    break;
  case 'users':
    await users(path, rest[0] ?? 'x', Number(rest[1] ?? '10'));
    break;
  default:
    throw new Error(`unknown mode ${String(mode)}`);
}
