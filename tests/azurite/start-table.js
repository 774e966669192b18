// Runs the Azurite Table service for the test suites (arguments as for azurite-table).
// The test process holds our stdin: when it closes it (a graceful stop) or dies, Azurite shuts down as on Ctrl+C,
// which saves data persisted to disk, and the process exits at the latest 10 seconds later.
function shutDown() {
  process.emit('SIGINT');
  setTimeout(() => process.exit(0), 10000);
}
process.stdin.once('end', shutDown);
process.stdin.once('error', shutDown);
process.stdin.resume();
require('azurite/dist/src/table/main.js');
