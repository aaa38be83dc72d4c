// Structured logs (pino): JSON lines with `--log-format json`, one readable line per event otherwise.
// Writes are buffered (pino.destination with sync false) so logging every answer stays off the hot
// path's critical cost; `flush` is called on shutdown.
import { pino, type Logger } from 'pino';
import type { LogFormat, LogLevel } from '../config/agent-config.ts';

/** A logger and its flush. */
export interface AgentLogger {
  readonly log: Logger;
  flush(): void;
}

/** Options of the logger. */
export interface AgentLoggerOptions {
  readonly format: LogFormat;
  readonly level: LogLevel | 'silent';
  /** File descriptor or path; stdout by default. */
  readonly destination?: number | string;
}

/** Builds the agent's logger. */
export function createAgentLogger(options: AgentLoggerOptions): AgentLogger {
  const dest = pino.destination({ dest: options.destination ?? 1, sync: false, minLength: 4096 });
  const stream = options.format === 'json' ? dest : { write: (line: string) => dest.write(textLine(line)) };
  const log = pino({ level: options.level, base: { component: 'podiam-agent' }, timestamp: pino.stdTimeFunctions.isoTime }, stream);
  return {
    log,
    flush: () => {
      try {
        dest.flushSync();
      } catch {
        // Nothing buffered, or the destination is not ready yet.
      }
    },
  };
}

const LEVELS: Readonly<Record<number, string>> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

// `time LEVEL msg key=value ...`, values JSON-quoted when they contain spaces or quotes.
function textLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { time, level, msg, component: _component, ...rest } = entry;
  const fields = Object.entries(rest)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      const text = typeof v === 'string' ? v : JSON.stringify(v);
      return `${k}=${/[\s"=]/.test(text) ? JSON.stringify(text) : text}`;
    });
  return `${String(time)} ${LEVELS[Number(level)] ?? String(level)} ${String(msg ?? '')}${fields.length > 0 ? ` ${fields.join(' ')}` : ''}\n`;
}
