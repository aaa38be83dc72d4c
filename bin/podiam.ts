#!/usr/bin/env node
// The podiam command: every process and tool of podiam behind one binary.
import { main } from '../src/cli/index.ts';

process.exitCode = await main(process.argv.slice(2));
