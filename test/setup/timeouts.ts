// `testTimeout` is a global option in Jest 30, not a per-project one: database-backed suites get a
// longer default here; the fault and browser suites set theirs in their own files.
jest.setTimeout(60_000);
