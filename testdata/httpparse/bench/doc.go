// Package bench benchmarks every form of the parser in one test binary,
// so that they are measured on one machine state. Its benchmark is
// written by fsmvet's internal/cmd/formbench -emit, from its list of
// forms.
package bench
