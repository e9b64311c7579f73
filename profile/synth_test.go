package profile_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	pprof "github.com/google/pprof/profile"
)

// A synth builds a pprof profile by hand, so that a test knows every
// sample and can work out what each function should get.
type synth struct {
	prof  *pprof.Profile
	funcs map[string]*pprof.Function
}

// newSynth starts a profile whose samples carry one value per type, each
// written "type/unit", such as "cpu/nanoseconds".
func newSynth(types ...string) *synth {
	s := &synth{
		prof: &pprof.Profile{
			PeriodType: &pprof.ValueType{Type: "cpu", Unit: "nanoseconds"},
			Period:     10_000_000,
			Mapping:    []*pprof.Mapping{{ID: 1, Start: 0x400000, Limit: 0x800000, File: "/bin/prog", BuildID: "b1d"}},
		},
		funcs: map[string]*pprof.Function{},
	}
	for _, t := range types {
		typ, unit, _ := strings.Cut(t, "/")
		s.prof.SampleType = append(s.prof.SampleType, &pprof.ValueType{Type: typ, Unit: unit})
	}
	return s
}

// fn declares a function and the line it starts on (0 for none, as
// profiles from Go before 1.20 have).
func (s *synth) fn(name string, start int64) {
	f := &pprof.Function{ID: uint64(len(s.prof.Function) + 1), Name: name, SystemName: name, Filename: strings.ToLower(name) + ".go", StartLine: start}
	s.funcs[name] = f
	s.prof.Function = append(s.prof.Function, f)
}

// loc is a location: one program counter and the frames it stands for,
// each "function:line", the innermost (inlined) first and the function
// it was inlined into last. With no frames it is an address nothing
// symbolized.
func (s *synth) loc(frames ...string) *pprof.Location {
	l := &pprof.Location{ID: uint64(len(s.prof.Location) + 1), Address: 0x401000 + 0x10*uint64(len(s.prof.Location))}
	if len(s.prof.Mapping) > 0 {
		l.Mapping = s.prof.Mapping[0]
	}
	for _, fr := range frames {
		i := strings.LastIndex(fr, ":")
		line, err := strconv.ParseInt(fr[i+1:], 10, 64)
		f := s.funcs[fr[:i]]
		if err != nil || f == nil {
			panic("synth: bad frame " + fr)
		}
		l.Line = append(l.Line, pprof.Line{Function: f, Line: line})
	}
	s.prof.Location = append(s.prof.Location, l)
	return l
}

// sample adds a sample with these values (one per type) and stack,
// innermost first.
func (s *synth) sample(values []int64, stack ...*pprof.Location) {
	s.prof.Sample = append(s.prof.Sample, &pprof.Sample{Value: values, Location: stack})
}

// gzipped and raw are the profile as pprof writes it, and as
// runtime/pprof's proto without compression.
func (s *synth) gzipped(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := s.prof.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func (s *synth) raw(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := s.prof.WriteUncompressed(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// file writes the profile, gzipped, to a temporary file.
func (s *synth) file(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cpu.pprof")
	if err := os.WriteFile(path, s.gzipped(t), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The functions of the busy profile.
const (
	mainFn  = "main.main"                   // starts at line 10
	runFn   = "main.run"                    // 20
	exRun   = "example.com/ex.Run"          // 30; polls at line 35 (offset 5)
	pollA   = "example.com/tasks.(*A).Poll" // 100; step inlined at line 104
	pollB   = "example.com/tasks.(*B).Poll" // 200
	pollC   = "example.com/tasks.(*C).Poll" // 250
	step    = "example.com/tasks.step"      // 300
	walk    = "example.com/tasks.walk"      // 400; recurses at line 405
	visit   = "example.com/tasks.visit"     // 600
	idle    = "example.com/tasks.idle"      // 700; only in a sample with no CPU
	preempt = "runtime.asyncPreempt"        // 50
)

// busy is a profile with 100 ns of CPU in nine samples. Its values are
// [samples/count, cpu/nanoseconds], as Go writes them, and the counts do
// not follow the nanoseconds, so a loader that reads the wrong value gets
// other numbers. Offsets are from each function's start line.
//
//	ns  stack, innermost first (offsets)
//	30  step+3 inlined in A.Poll+4, Run+5, run+2, main+2
//	10  A.Poll+1, Run+5, run+2, main+2
//	10  B.Poll+5, Run+5, run+2, main+2
//	10  C.Poll+1, Run+5, run+2, main+2
//	 5  asyncPreempt+0, Run+5, run+2, main+2
//	15  walk+2, walk+5 six times, run+5, main+2
//	 5  visit+1, walk+5, run+5, main+2
//	 7  Run+3, run+2, main+2
//	 8  an address with no symbol
//	 0  idle+1, Run+5, run+2, main+2 (4 samples/count, no CPU)
func busy() *synth {
	s := newSynth("samples/count", "cpu/nanoseconds")
	for _, f := range []struct {
		name  string
		start int64
	}{{mainFn, 10}, {runFn, 20}, {exRun, 30}, {pollA, 100}, {pollB, 200}, {pollC, 250}, {step, 300}, {walk, 400}, {visit, 600}, {idle, 700}, {preempt, 50}} {
		s.fn(f.name, f.start)
	}
	mainAt, runAt, runWalk := s.loc(mainFn+":12"), s.loc(runFn+":22"), s.loc(runFn+":25")
	poll := s.loc(exRun + ":35")
	recurse := s.loc(walk + ":405")
	s.sample([]int64{1, 30}, s.loc(step+":303", pollA+":104"), poll, runAt, mainAt)
	s.sample([]int64{2, 10}, s.loc(pollA+":101"), poll, runAt, mainAt)
	s.sample([]int64{1, 10}, s.loc(pollB+":205"), poll, runAt, mainAt)
	s.sample([]int64{1, 10}, s.loc(pollC+":251"), poll, runAt, mainAt)
	s.sample([]int64{1, 5}, s.loc(preempt+":50"), poll, runAt, mainAt)
	s.sample([]int64{1, 15}, s.loc(walk+":402"), recurse, recurse, recurse, recurse, recurse, recurse, runWalk, mainAt)
	s.sample([]int64{1, 5}, s.loc(visit+":601"), recurse, runWalk, mainAt)
	s.sample([]int64{3, 7}, s.loc(exRun+":33"), runAt, mainAt)
	s.sample([]int64{1, 8}, s.loc())
	s.sample([]int64{4, 0}, s.loc(idle+":701"), poll, runAt, mainAt)
	return s
}
