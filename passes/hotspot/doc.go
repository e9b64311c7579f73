// Package hotspot defines an analyzer that gives fsmvet's findings their
// share of a CPU profile.
//
// # Analyzer hotspot
//
// hotspot: rank findings by a CPU profile (-profile, -hot)
//
// With -profile=cpu.pprof[,more.pprof] (also -hotspot.profile; go vet
// -vettool=fsmvet passes it through), every fsmswitch and pollloop finding
// ends with its share of CPU, flat and cumulative, the rank of its function
// among all the profile's functions, and for a poll loop the concrete
// callees the profile saw from the call, with their shares:
//
//	...; CPU 31.4% cum, 12.8% flat (rank 3 of 41); callees: tasks.(*Stepper).Poll 84%, tasks.(*Sender).Poll 16%
//
// A generator finding gives the CPU under its generator, goroutine and
// loops, and the share of it in channel or coroutine hand-offs (see
// fsmvet help generator):
//
//	...; CPU 67.6% cum, 4.6% flat, 63.1% in channel hand-offs
//
// With a profile, only findings at or above -hot's cumulative share are
// reported: 1% unless -hot says otherwise ("0.5%" or "0.005"; "0" keeps
// every finding). Without a profile nothing changes.
//
// Samples are matched as Go's PGO matches them: by function name and line
// offset from the function's first line, so edits elsewhere in a file do
// not break the match. The profile is parsed only in packages that have a
// finding. A profile that cannot be read is an error naming the file.
// For a whole-program ranking with verdicts, use 'fsmvet report'.
package hotspot
