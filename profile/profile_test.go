package profile_test

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/fsmvet/fsmvet/profile"
)

type worker interface{ work(n int) int }

type heavy struct{}
type light struct{}

//go:noinline
func (heavy) work(n int) int { return spin(3 * n) }

//go:noinline
func (light) work(n int) int { return spin(n) }

//go:noinline
func spin(n int) int {
	s := 0
	for i := range n {
		s += i * i % 7
	}
	return s
}

var sink int

// hotLoop calls heavy three times as long as light through one
// interface call site.
//
//go:noinline
func hotLoop(d time.Duration) {
	ws := []worker{heavy{}, light{}}
	for start := time.Now(); time.Since(start) < d; {
		for _, w := range ws {
			sink += w.work(2000) // the call site the test looks at
		}
	}
}

// cpuProfile profiles hotLoop in this process and returns the file.
func cpuProfile(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cpu.pprof")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		t.Skip("CPU profiling unavailable:", err)
	}
	hotLoop(time.Second)
	pprof.StopCPUProfile()
	f.Close()
	return path
}

const pkg = "github.com/fsmvet/fsmvet/profile_test"

func TestAttribution(t *testing.T) {
	if testing.Short() {
		t.Skip("profiles for 1 s")
	}
	prof, err := profile.Load(cpuProfile(t))
	if err != nil {
		t.Fatal(err)
	}
	loop := prof.Func(pkg + ".hotLoop")
	if loop == nil || prof.Share(loop.Cum) < 0.8 {
		t.Fatalf("hotLoop = %+v; want most of the profile under it", loop)
	}
	// Cumulative, not flat: on a busy machine the scheduler preempts spin
	// often, and a sample taken then has runtime.asyncPreempt as its leaf.
	if spin := prof.Func(pkg + ".spin"); spin == nil || prof.Share(spin.Cum) < 0.7 {
		t.Errorf("spin = %+v; want most of the time spent in it", spin)
	}
	// The call site is keyed by its offset from hotLoop's first line, and
	// its callees are the two implementations, heavy about three times
	// light.
	src, _ := os.ReadFile("profile_test.go")
	start, call := lineOf(string(src), "func hotLoop("), lineOf(string(src), "sink += w.work(2000)")
	callees := prof.Callees(profile.Site{Func: pkg + ".hotLoop", Offset: call - start})
	shares := map[string]float64{}
	for _, c := range callees {
		shares[c.Name] = c.Share
	}
	h, l := shares[pkg+".heavy.work"], shares[pkg+".light.work"]
	// heavy does three times light's work; with a sampled profile of about
	// a hundred samples, ask only that both appear and heavy clearly leads.
	if l < 0.05 || h < 1.5*l {
		t.Errorf("callee mix at hotLoop+%d = %v; want both, heavy.work well ahead of light.work", call-start, callees)
	}
	if prof.Matches([]string{pkg}) == 0 || prof.Matches([]string{"example.com/other"}) != 0 {
		t.Errorf("Matches: the profile should match this package and not another")
	}
	if runtime.GOOS == "linux" && len(prof.Warnings) > 0 {
		t.Errorf("a profile from this Go has start lines and a build ID, but: %v", prof.Warnings)
	}
}

// TestMerge loads the same profile twice: merged, every share is the same
// and the total doubles.
func TestMerge(t *testing.T) {
	if testing.Short() {
		t.Skip("profiles for 1 s")
	}
	path := cpuProfile(t)
	one, err := profile.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	two, err := profile.Load(path, path)
	if err != nil {
		t.Fatal(err)
	}
	if two.Total != 2*one.Total {
		t.Errorf("merged total %d, want %d", two.Total, 2*one.Total)
	}
	f1, f2 := one.Func(pkg+".spin"), two.Func(pkg+".spin")
	if one.Share(f1.Flat) != two.Share(f2.Flat) {
		t.Errorf("spin's share changed on merging a profile with itself: %v vs %v", one.Share(f1.Flat), two.Share(f2.Flat))
	}
}

func lineOf(src, s string) int {
	i := strings.Index(src, s)
	return strings.Count(src[:i], "\n") + 1
}

// BenchmarkLoad measures reading and attributing a profile: the cost
// -profile adds to each package that has a finding under go vet.
func BenchmarkLoad(b *testing.B) {
	path := cpuProfile(b)
	info, _ := os.Stat(path)
	for b.Loop() {
		if _, err := profile.Load(path); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(info.Size()), "profile-bytes")
}
