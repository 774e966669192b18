// Runs the Azurite Table service for the test suites (arguments as for azurite-table) and exits when the
// test process goes away without stopping it: the test process holds our stdin, and it closes when that process dies.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
require('azurite/dist/src/table/main.js');
