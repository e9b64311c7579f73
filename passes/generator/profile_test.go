package generator_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/pprof/profile"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fsmvet/fsmvet/passes/generator"
	"github.com/fsmvet/fsmvet/passes/hotspot"
	fsmprofile "github.com/fsmvet/fsmvet/profile"
)

// handProfile writes a CPU profile of testdata/src/generator/prof, built
// by hand so that every share is known: 100 ns in all.
//
//	30 chanrecv2 under countWords' loop line     words: cum, hand-off
//	 5 countWords' next line                      nothing
//	20 chansend1 under words' goroutine           words: cum, hand-off
//	10 in words' goroutine                        words: cum, flat
//	 4 a Pull closure under sum's next() line     sum: cum, hand-off; a pull
//	 4 a Pull closure under another package's     a pull (not sum's)
//	12 coroswitch_m on the system stack           shared by the pulls: 6 to sum
//	 4 the yield in the sequence's coroutine      shared by the pulls: 2 to sum
//	 2 the sequence's own code in its coroutine   nothing
//	 7 parking on the system stack                nothing (not shared out)
//	 2 countWords' loop line under chanrecv2      words: cum, flat, but no hand-off:
//	                                              the machinery is not above the site
//
// words: cum 62, flat 12, hand-offs 50; sum: cum and hand-offs 4+6+2.
func handProfile(t *testing.T) string {
	t.Helper()
	var fns []*profile.Function
	fn := func(name string, start int64) *profile.Function {
		f := &profile.Function{ID: uint64(len(fns) + 1), Name: name, StartLine: start}
		fns = append(fns, f)
		return f
	}
	words := fn("generator/prof.words", 11)
	lit := fn("generator/prof.words.func1", 13)
	count := fn("generator/prof.countWords", 22)
	sum := fn("generator/prof.sum", 30)
	bench := fn("generator/prof.BenchmarkWords", 1)
	recv, send, gopark := fn("runtime.chanrecv2", 1), fn("runtime.chansend1", 1), fn("runtime.gopark", 1)
	next, yield, body := fn("iter.Pull[go.shape.int].func2", 1), fn("iter.Pull[go.shape.int].func1.1", 1), fn("iter.Pull[go.shape.int].func1", 1)
	values, other := fn("generator/prof.sum.Values[go.shape.[]int,go.shape.int].func1", 1), fn("other.f", 1)
	mcall, coroswitch, park, corostart := fn("runtime.mcall", 1), fn("runtime.coroswitch_m", 1), fn("runtime.park_m", 1), fn("runtime.corostart", 1)
	_ = words
	var locs []*profile.Location
	at := func(f *profile.Function, line int64) *profile.Location {
		l := &profile.Location{ID: uint64(len(locs) + 1), Line: []profile.Line{{Function: f, Line: line}}}
		locs = append(locs, l)
		return l
	}
	sample := func(w int64, stack ...*profile.Location) *profile.Sample {
		return &profile.Sample{Location: stack, Value: []int64{w}}
	}
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "cpu", Unit: "nanoseconds"}},
		Sample: []*profile.Sample{
			sample(30, at(gopark, 2), at(recv, 2), at(count, 24), at(bench, 3)),
			sample(5, at(count, 25), at(bench, 3)),
			sample(20, at(send, 2), at(lit, 16)),
			sample(10, at(lit, 15)),
			sample(4, at(next, 2), at(sum, 35)),
			sample(4, at(next, 2), at(other, 3)),
			sample(12, at(coroswitch, 2), at(mcall, 2)),
			sample(4, at(yield, 2), at(values, 2), at(body, 2), at(corostart, 2)),
			sample(2, at(values, 3), at(body, 2), at(corostart, 2)),
			sample(7, at(park, 2), at(mcall, 2)),
			sample(2, at(count, 24), at(recv, 2)),
		},
		Location: locs,
		Function: fns,
	}
	return writeProfile(t, p)
}

// writeProfile writes p to a file of the test's and returns its name.
func writeProfile(t *testing.T, p *profile.Profile) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cpu.pprof")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Write(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// setHotspot sets a hotspot flag for the rest of the test.
func setHotspot(t *testing.T, name, value string) {
	t.Helper()
	f := hotspot.Analyzer.Flags.Lookup(name)
	old := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if name == "profile" {
			f.Value.Set("") // an error, having emptied the list
			return
		}
		f.Value.Set(old)
	})
}

// TestProfile: with -profile, a finding gives the CPU under its sites
// and the share of it in the hand-off machinery, a Pull loop's share of
// the coroutine switches no sample attributes; -hot drops the cold.
func TestProfile(t *testing.T) {
	setHotspot(t, "profile", handProfile(t))
	analysistest.Run(t, testdata(t), generator.Analyzer, "generator/prof")
}

// TestHot: with -hot above the Pull loop's 12%, only the generator is
// reported.
func TestHot(t *testing.T) {
	setHotspot(t, "profile", handProfile(t))
	setHotspot(t, "hot", "13%")
	results := analysistest.Run(ignoreWants{}, testdata(t), generator.Analyzer, "generator/prof")
	var kinds []generator.Kind
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, f := range r.Result.(*generator.Result).Findings {
				if f.Pos == d.Pos {
					kinds = append(kinds, f.Kind)
				}
			}
		}
	}
	if len(kinds) != 1 || kinds[0] != generator.ChannelGenerator {
		t.Errorf("reported %v with -hot 13%%, want the channel generator alone", kinds)
	}
}

// TestWeighWithoutPulls: a Pull loop weighed in a profile where nothing
// calls iter.Pull's closures gets only its own samples, no share of
// coroutine switches (of which there are none to share, 0 of 0). A stack
// cut short in a Pull closure (pprof keeps the innermost frames of a
// deep one) is no call from the program.
func TestWeighWithoutPulls(t *testing.T) {
	sum := &profile.Function{ID: 1, Name: "generator/prof.sum", StartLine: 30}
	next := &profile.Function{ID: 2, Name: "iter.Pull[go.shape.int].func2", StartLine: 1}
	loc := &profile.Location{ID: 1, Line: []profile.Line{{Function: sum, Line: 35}}}
	cut := &profile.Location{ID: 2, Line: []profile.Line{{Function: next, Line: 2}}}
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "cpu", Unit: "nanoseconds"}},
		Sample: []*profile.Sample{
			{Location: []*profile.Location{loc}, Value: []int64{10}},
			{Location: []*profile.Location{cut}, Value: []int64{10}},
		},
		Location: []*profile.Location{loc, cut},
		Function: []*profile.Function{sum, next},
	}
	prof, err := fsmprofile.Load(writeProfile(t, p))
	if err != nil {
		t.Fatal(err)
	}
	loop := &generator.Finding{Kind: generator.PullLoop, Sites: []fsmprofile.Site{{Func: "generator/prof.sum", Offset: 5}}}
	if got, want := generator.Weigh(prof, loop), (generator.Measure{Cum: 0.5, Flat: 0.5}); got != want {
		t.Errorf("Weigh = %+v, want %+v", got, want)
	}
}
