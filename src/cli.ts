#!/usr/bin/env node
/**
 * The `asm-kg` command (package.json `bin`: lib/cli.js). The commands are in cli/; this entry stays at
 * lib/cli.js, the path the documentation, the tests and installed copies run.
 */
import './cli/main.js';
